/** A station with awards, published and checked the way a visitor's copy would be. */
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import type { PublishSummary } from '../../shared/methods/publish.js'
import { freshStation, publishedBadge, tempDir, type CliRun } from './cli.js'

export type Station = Readonly<{
  dir: string
  run: (args: string[], env?: Record<string, string | undefined>) => CliRun
  badge: string
  awards: string[]
}>

/** A fresh station with one published badge and `count` awards (one CSV batch). */
export function stationWithAwards(count: number): Station {
  const { dir, run } = freshStation()
  const badge = publishedBadge(run, 'Publishing', 'Publishes well', 'Attend')
  const awards = addAwards({ dir, run, badge, awards: [] }, count, 0)
  return { dir, run, badge, awards }
}

/** `kiln publish targets add NAME --kind s3` for bucket "site" of a local s3rver (path style). */
export function s3TargetArgs(
  name: string,
  port: number,
  prefix: string,
  accessKeyId: string
): string[] {
  return ['publish', 'targets', 'add', name, '--kind', 's3'].concat(
    ['--endpoint', `http://127.0.0.1:${port}`, '--bucket', 'site', '--prefix', prefix],
    ['--path-style', '--access-key-id', accessKeyId]
  )
}

/** `kiln publish targets add NAME --kind ftp` for a server on 127.0.0.1. */
export function ftpTargetArgs(name: string, port: number, user: string, root: string): string[] {
  return ['publish', 'targets', 'add', name, '--kind', 'ftp'].concat([
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--user',
    user,
    '--path',
    root
  ])
}

/** `kiln publish targets add NAME --kind sftp`, logging in with `key` when given. */
export function sftpTargetArgs(
  name: string,
  server: Readonly<{ host: string; port: number }>,
  user: string,
  root: string,
  key?: string
): string[] {
  return ['publish', 'targets', 'add', name, '--kind', 'sftp'].concat(
    ['--host', server.host, '--port', String(server.port), '--user', user, '--path', root],
    key ? ['--key', key] : []
  )
}

/** Awards `count` more people (numbered from `from`); returns their award ids. */
export function addAwards(station: Station, count: number, from: number): string[] {
  const csvDir = tempDir('kiln-csv-')
  const csv = path.join(csvDir, 'people.csv')
  const rows = Array.from(
    { length: count },
    (_, i) => `Person ${from + i},p${from + i}@example.org`
  )
  writeFileSync(csv, ['name,email', ...rows].join('\n') + '\n')
  const r = station.run(['award', '--badge', station.badge, '--csv', csv, '--json'])
  expect(r.code, r.stderr).toBe(0)
  const issued = r.json().issued
  if (!Array.isArray(issued)) throw new Error('no issued list')
  return issued.map((a: { id: string }) => a.id)
}

/**
 * `kiln bundle verify` on the download (every credential checked against the downloaded
 * did.json and status lists), then, with `each`, every credential again on its own with
 * `kiln verify --bundle`.
 */
export function verifyDownload(
  station: Station,
  download: string,
  revoked: ReadonlySet<string> = new Set(),
  each = true
): void {
  const verified = station.run(['bundle', 'verify', download, '--json'])
  expect(verified.code, verified.stdout + verified.stderr).toBe(0)
  const report = verified.json()
  expect(report.ok).toBe(true)
  const credentials = readdirSync(path.join(download, 'credentials')).filter((f) =>
    f.endsWith('.json')
  )
  expect(credentials.length).toBe(station.awards.length)
  expect(report.credentials).toMatchObject({
    checked: station.awards.length,
    revoked: revoked.size,
    invalid: 0
  })
  if (!each) return
  for (const file of credentials) {
    const id = file.slice(0, -'.json'.length)
    const r = station.run([
      'verify',
      path.join(download, 'credentials', file),
      '--bundle',
      download,
      '--json'
    ])
    if (revoked.has(id)) {
      expect(r.code, r.stdout).toBe(1)
      expect(r.stdout).toMatch(/revoked/i)
    } else {
      expect(r.code, `${file}: ${r.stdout}${r.stderr}`).toBe(0)
    }
  }
}

/** What `kiln publish --json` printed, as the contract's summary (its seq is not read here). */
export type PublishResult = Omit<PublishSummary, 'seq'>

export function publish(station: Station, target: string, extra: string[] = []): PublishResult {
  const r = station.run(['publish', '--target', target, '--json', ...extra])
  expect(r.code, r.stdout + r.stderr).toBe(0)
  const j = r.json()
  return {
    target: String(j.target),
    uploaded: Number(j.uploaded),
    deleted: Number(j.deleted),
    unchanged: Number(j.unchanged),
    bytes: Number(j.bytes),
    manifestHash: String(j.manifestHash),
    verified: j.verified === true,
    resumed: j.resumed === true,
    ...(typeof j.pinned === 'string' ? { pinned: j.pinned } : {})
  }
}
