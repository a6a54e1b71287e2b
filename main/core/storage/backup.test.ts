import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { generateKey, writeKeyFile } from '../keys/keystore.js'
import { writeFileAtomic } from './atomic-write.js'
import {
  MANIFEST_NAME,
  createBackup,
  isSafeEntryPath,
  restoreBackup,
  verifyBackup
} from './backup.js'
import { Journal } from './journal.js'
import { acquireLock } from './lock.js'

let root: string
let dataDir: string
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
  dataDir = path.join(root, 'station')
  fs.mkdirSync(dataDir)
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

let keyJson: string | undefined
async function makeStation(dir: string, name = 'Desk'): Promise<void> {
  if (!keyJson) {
    const { keyFile } = await generateKey('pass', { scryptN: 2 ** 14 })
    keyJson = JSON.stringify(keyFile)
  }
  fs.mkdirSync(path.join(dir, 'images'), { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'station.json'),
    JSON.stringify({ format: 'kiln-station/1', stationId: 'st-1', name })
  )
  await writeKeyFile(path.join(dir, 'key.json'), JSON.parse(keyJson))
  const journal = Journal.open(path.join(dir, 'journal.ndjson'), { stationId: 'st-1' })
  for (let i = 0; i < 20; i++) journal.append('award.issued', { i, name })
  journal.close()
  fs.writeFileSync(
    path.join(dir, 'images', 'badge-1.png'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
  )
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string, prefix: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`)
      else out[prefix + e.name] = fs.readFileSync(path.join(d, e.name)).toString('base64')
    }
  }
  walk(dir, '')
  return out
}

async function failureOf(promise: Promise<unknown>): Promise<KilnFailure> {
  try {
    await promise
  } catch (e) {
    if (e instanceof KilnFailure) return e
    throw e
  }
  throw new Error('expected a KilnFailure')
}

describe('backup', () => {
  it('backs up, verifies and restores into an empty directory with identical files (never the lock)', async () => {
    await makeStation(dataDir)
    const lock = acquireLock(dataDir)
    fs.writeFileSync(path.join(dataDir, '.station.json.123.abcdefabcdef.tmp'), 'half a temp file')
    fs.appendFileSync(path.join(dataDir, 'journal.ndjson'), '{"seq":21,"torn') // an append in flight
    const out = path.join(root, 'backups', 'kiln.zip')
    const result = await createBackup(dataDir, out)
    lock.release()
    expect(result).toEqual({ file: out, bytes: fs.statSync(out).size, files: 4 })

    const verified = await verifyBackup(out)
    if (!verified.ok) throw new Error(verified.reason)
    expect(verified.manifest.format).toBe('kiln-backup/1')
    expect(verified.manifest.stationId).toBe('st-1')
    expect(verified.manifest.files.map((f) => f.path).sort()).toEqual([
      'images/badge-1.png',
      'journal.ndjson',
      'key.json',
      'station.json'
    ])

    const target = path.join(root, 'restored')
    const restored = await restoreBackup(out, target)
    expect(restored).toEqual({ dataDir: target, files: 4 })
    const expected = snapshot(dataDir)
    delete expected['.station.json.123.abcdefabcdef.tmp']
    const journal = Buffer.from(expected['journal.ndjson'] ?? '', 'base64').toString('utf8')
    expected['journal.ndjson'] = Buffer.from(
      journal.slice(0, journal.lastIndexOf('\n') + 1)
    ).toString('base64')
    expect(snapshot(target)).toEqual(expected)
    Journal.open(path.join(target, 'journal.ndjson'), { stationId: 'st-1' }).close()
  })

  it('leaves the station log out: it is this machine’s diagnostics, not station data', async () => {
    await makeStation(dataDir)
    fs.mkdirSync(path.join(dataDir, 'logs'))
    fs.writeFileSync(path.join(dataDir, 'logs', 'kiln.log'), 'kiln warn: something\n')
    const out = path.join(root, 'kiln.zip')
    expect(await createBackup(dataDir, out)).toMatchObject({ files: 4 })
    const verified = await verifyBackup(out)
    if (!verified.ok) throw new Error(verified.reason)
    expect(verified.manifest.files.map((f) => f.path)).not.toContain('logs/kiln.log')
  })

  it('leaves the checkpoint and the counts out: they are derived from the journal', async () => {
    await makeStation(dataDir)
    for (const name of ['journal.checkpoint', 'journal.checkpoint.tmp', 'journal.counts']) {
      fs.writeFileSync(path.join(dataDir, name), 'derived\n')
    }
    const out = path.join(root, 'kiln.zip')
    await createBackup(dataDir, out)
    const verified = await verifyBackup(out)
    if (!verified.ok) throw new Error(verified.reason)
    const paths = verified.manifest.files.map((f) => f.path)
    expect(paths).toContain('journal.ndjson')
    for (const name of ['journal.checkpoint', 'journal.checkpoint.tmp', 'journal.counts']) {
      expect(paths).not.toContain(name)
    }
  })

  it('refuses to write over an existing archive', async () => {
    await makeStation(dataDir)
    const out = path.join(root, 'kiln.zip')
    fs.writeFileSync(out, 'precious')
    expect((await failureOf(createBackup(dataDir, out))).code).toBe('DESTINATION_EXISTS')
    expect(fs.readFileSync(out, 'utf8')).toBe('precious')
  })

  it('restores over an existing station only with force, moving it aside (never deleting it)', async () => {
    await makeStation(dataDir, 'Backed up')
    const out = path.join(root, 'kiln.zip')
    await createBackup(dataDir, out)
    const other = path.join(root, 'other')
    await makeStation(other, 'Current')
    const before = snapshot(other)

    const failure = await failureOf(restoreBackup(out, other))
    expect(failure.code).toBe('DESTINATION_EXISTS')
    expect(snapshot(other)).toEqual(before)

    const result = await restoreBackup(out, other, { force: true })
    expect(result.movedAside).toMatch(/other\.before-restore-\d{4}-\d\d-\d\dT/)
    expect(snapshot(result.movedAside ?? '')).toEqual(before)
    expect(snapshot(other)).toEqual(snapshot(dataDir))
  })

  it('rejects a tampered, truncated or foreign archive with BACKUP_INVALID and touches nothing', async () => {
    await makeStation(dataDir)
    const out = path.join(root, 'kiln.zip')
    await createBackup(dataDir, out)
    const entries = unzipSync(fs.readFileSync(out))
    const target = path.join(root, 'target')

    const variants: Array<[string, Record<string, Uint8Array>, RegExp]> = []
    const station = {
      ...entries,
      'station.json': strToU8('{"format":"kiln-station/1","stationId":"st-1","name":"Evil"}')
    }
    variants.push(['edited file', station, /station\.json does not match its SHA-256/])
    const journalBytes = entries['journal.ndjson'] ?? new Uint8Array()
    const journalText = Buffer.from(journalBytes).toString('utf8').replace('"i":3,', '"i":4,')
    const manifest = JSON.parse(
      Buffer.from(entries[MANIFEST_NAME] ?? new Uint8Array()).toString('utf8')
    )
    const { createHash } = await import('node:crypto')
    for (const f of manifest.files) {
      if (f.path === 'journal.ndjson') {
        f.sha256 = createHash('sha256').update(journalText).digest('hex')
        f.bytes = Buffer.byteLength(journalText)
      }
    }
    // Manifest rewritten to match: only the journal's hash chain catches this one.
    variants.push([
      'journal edited, manifest rewritten',
      {
        ...entries,
        'journal.ndjson': strToU8(journalText),
        [MANIFEST_NAME]: strToU8(JSON.stringify(manifest))
      },
      /journal\.ndjson in the archive is damaged at line 5/
    ])
    variants.push([
      'extra entry',
      { ...entries, '../evil.sh': strToU8('x') },
      /not in the manifest/
    ])
    const noManifest = { ...entries }
    delete noManifest[MANIFEST_NAME]
    variants.push(['no manifest', noManifest, /has no kiln-backup\.json/])

    for (const [label, files, reason] of variants) {
      const file = path.join(root, `${label.replace(/\W+/g, '-')}.zip`)
      fs.writeFileSync(file, zipSync(files))
      const v = await verifyBackup(file)
      expect(v.ok, label).toBe(false)
      if (!v.ok) expect(v.reason, label).toMatch(reason)
      const failure = await failureOf(restoreBackup(file, target))
      expect(failure.code, label).toBe('BACKUP_INVALID')
      expect(fs.existsSync(target), label).toBe(false)
    }

    const truncated = path.join(root, 'truncated.zip')
    fs.writeFileSync(truncated, fs.readFileSync(out).subarray(0, 200))
    expect(await verifyBackup(truncated)).toMatchObject({ ok: false })
    expect((await failureOf(restoreBackup(truncated, target))).code).toBe('BACKUP_INVALID')
    expect((await failureOf(restoreBackup(path.join(root, 'missing.zip'), target))).code).toBe(
      'BACKUP_INVALID'
    )
  })

  it('rejects zip-slip paths even when the manifest lists them with the right hash', async () => {
    const { createHash } = await import('node:crypto')
    const evil = strToU8('pwned')
    const manifest = {
      format: 'kiln-backup/1',
      createdAt: '2026-01-01T00:00:00Z',
      stationId: null,
      files: [
        {
          path: '../outside.txt',
          sha256: createHash('sha256').update(evil).digest('hex'),
          bytes: evil.length
        }
      ]
    }
    const file = path.join(root, 'slip.zip')
    await writeFileAtomic(
      file,
      zipSync({ [MANIFEST_NAME]: strToU8(JSON.stringify(manifest)), '../outside.txt': evil })
    )
    const v = await verifyBackup(file)
    expect(v).toEqual({ ok: false, reason: 'the archive names an unsafe path: "../outside.txt"' })
    expect((await failureOf(restoreBackup(file, path.join(root, 'x')))).code).toBe('BACKUP_INVALID')
    expect(fs.existsSync(path.join(root, 'outside.txt'))).toBe(false)
    for (const p of ['/etc/passwd', 'C:/x', 'a/../b', 'a\\b', 'a//b', './a', '']) {
      expect(isSafeEntryPath(p), p).toBe(false)
    }
    for (const p of ['station.json', 'images/a.png', 'a/b/c..d']) {
      expect(isSafeEntryPath(p), p).toBe(true)
    }
  })
})
