/**
 * kiln publish to a real S3-compatible server (s3rver on 127.0.0.1, its own process):
 * publish, download what a visitor would get, verify the site and every credential; a second
 * publish uploads nothing; a revocation reaches the status list; a deleted badge's files go,
 * objects outside the prefix stay; another station's site is refused; a killed publish resumes;
 * a wrong secret key fails at once with a sentence and uploads nothing.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../vendor-paths.js'
import {
  freshStation,
  publishedBadge,
  removeDir,
  tempDir,
  TEST_PASSPHRASE
} from '../support/cli.js'
import { removeBundles } from '../support/spawn-bundled.js'
import { S3_ACCESS_KEY_ID, startS3, type RunningServer } from '../support/servers/children.js'
import { downloadS3, listS3, s3Client } from '../support/servers/download.js'
import {
  addAwards,
  publish,
  s3TargetArgs,
  stationWithAwards,
  verifyDownload,
  type Station
} from '../support/publish-kit.js'

const SECRET = 's3-Secret-Key-0f9e8d7c6b5a'
let server: RunningServer
let s3: S3Client
const dirs: string[] = []

beforeAll(async () => {
  server = await startS3(SECRET)
  s3 = s3Client(server.port, S3_ACCESS_KEY_ID, SECRET)
})
afterAll(async () => {
  s3?.destroy()
  await server?.stop()
  dirs.forEach(removeDir)
  removeBundles()
})

function addTarget(
  station: Pick<Station, 'run'>,
  name: string,
  prefix: string,
  key: Readonly<{ id: string; secret: string }> = { id: S3_ACCESS_KEY_ID, secret: SECRET }
): void {
  const r = station.run(s3TargetArgs(name, server.port, prefix, key.id), {
    KILN_TARGET_SECRET: key.secret
  })
  expect(r.code, r.stderr).toBe(0)
}

async function download(
  prefix: string
): Promise<{ dir: string; objects: Awaited<ReturnType<typeof downloadS3>> }> {
  const dir = tempDir('kiln-dl-')
  dirs.push(dir)
  return { dir, objects: await downloadS3(s3, 'site', prefix, dir) }
}

async function plant(bucket: string, key: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(`planted ${key}`) })
  )
}

describe('kiln publish to an S3-compatible server', () => {
  it('publishes incrementally and verifiably, deleting only its own stale files', async () => {
    await plant('site', 'outside.txt')
    await plant('site', 'badges-other/index.html')
    await plant('other', 'badges/kiln-manifest.json')
    const station = stationWithAwards(3)
    dirs.push(station.dir)
    // A second badge, published (so the site carries its pages), archived later.
    const extraId = publishedBadge(station.run, 'Short-lived', 'd', 'c')
    addTarget(station, 'cloud', 'badges')

    const first = publish(station, 'cloud')
    expect(first.verified).toBe(true)
    expect(first.uploaded).toBeGreaterThan(10)
    expect(first.unchanged).toBe(0)
    const { dir, objects } = await download('badges/')
    verifyDownload(station, dir)
    expect(objects.length).toBe(first.uploaded)
    const headers = (key: string) => objects.find((o) => o.key === key)
    expect(headers(`badges/credentials/${station.awards[0]}.json`)?.contentType).toBe(
      'application/vc+ld+json'
    )
    expect(headers(`badges/credentials/${station.awards[0]}/index.html`)?.contentType).toMatch(
      /^text\/html/
    )
    // Served as the site's .htaccess and _headers say (site/content-types.ts): the manifest is
    // revalidated on every use, content-addressed segments are cached for good.
    expect(headers('badges/kiln-manifest.json')?.cacheControl).toBe('no-cache')
    expect(objects.find((o) => o.key.endsWith('/did.json'))?.contentType).toBe('application/json')
    expect(
      objects.find((o) => o.key.startsWith('badges/kiln-manifests/segments/'))?.cacheControl
    ).toMatch(/immutable/)
    expect(existsSync(path.join(dir, 'achievements', `${extraId}.json`))).toBe(true)

    // Nothing changed: nothing is uploaded.
    const second = publish(station, 'cloud')
    expect(second.uploaded).toBe(0)
    expect(second.deleted).toBe(0)
    expect(second.unchanged).toBe(first.uploaded)

    // A revocation and an archived badge: the status list says revoked; the badge's files go.
    const revoked = station.awards[1]!
    expect(station.run(['revoke', revoked, '--reason', 'issued in error']).code).toBe(0)
    expect(station.run(['badge', 'archive', extraId]).code).toBe(0)
    const third = publish(station, 'cloud')
    expect(third.uploaded).toBeGreaterThan(0)
    expect(third.uploaded).toBeLessThan(first.uploaded / 2)
    expect(third.deleted).toBeGreaterThan(0)
    const after = await download('badges/')
    verifyDownload(station, after.dir, new Set([revoked]))
    expect(existsSync(path.join(after.dir, 'achievements', `${extraId}.json`))).toBe(false)

    // Objects outside the prefix were never touched.
    expect(await listS3(s3, 'site', 'badges-other/')).toEqual(['badges-other/index.html'])
    expect(await listS3(s3, 'site', 'outside')).toEqual(['outside.txt'])
    expect(await listS3(s3, 'other')).toEqual(['badges/kiln-manifest.json'])

    // 100 more awards: only their files (and the pages and manifests that list them) go up.
    station.awards.push(...addAwards(station, 20, 100))
    const fourth = publish(station, 'cloud')
    expect(fourth.uploaded).toBeGreaterThanOrEqual(20 * 3)
    expect(fourth.uploaded).toBeLessThan(20 * 4 + 15)

    // The secret key is sealed: in no file of the data dir, in no listing.
    const files = (d: string): string[] =>
      readdirSync(d).flatMap((n) => {
        const f = path.join(d, n)
        return statSync(f).isDirectory() ? files(f) : [f]
      })
    for (const file of files(station.dir)) {
      expect(readFileSync(file).includes(SECRET), file).toBe(false)
    }
    const listing = station.run(['publish', 'targets', 'list', '--json'])
    expect(listing.stdout + listing.stderr).not.toContain(SECRET)
    expect(listing.json().targets).toMatchObject([{ name: 'cloud', hasSecret: true }])

    // Another station's site under the same prefix is refused and left as it was.
    const other = freshStation()
    dirs.push(other.dir)
    addTarget(other, 'cloud', 'badges')
    const before = await listS3(s3, 'site', 'badges/')
    const refused = other.run(['publish', '--target', 'cloud', '--json'])
    expect(refused.code).toBe(2)
    expect(JSON.parse(refused.stdout).error.code).toBe('TARGET_FOREIGN')
    expect(refused.stderr).toMatch(/another station|another issuer/)
    expect(await listS3(s3, 'site', 'badges/')).toEqual(before)
    // A prefix holding files that are no Kiln site is refused too.
    addTarget(other, 'mixed', 'badges-other')
    const mixed = other.run(['publish', '--target', 'mixed'])
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toMatch(/no Kiln site/)
  }, 240_000)

  it('refuses a wrong secret key or access key id at once, and uploads nothing', async () => {
    const station = stationWithAwards(1)
    dirs.push(station.dir)
    const wrongKeys = [
      { name: 'badsecret', id: S3_ACCESS_KEY_ID, secret: 'not-the-secret-key' },
      { name: 'badid', id: 'KILNUNKNOWNKEYID', secret: SECRET }
    ]
    for (const { name, id, secret } of wrongKeys) {
      addTarget(station, name, name, { id, secret })
      const refused = station.run(['publish', '--target', name, '--json'])
      // A hang would end in spawnSync's kill (exit -1).
      expect(refused.code, refused.stdout + refused.stderr).toBe(1)
      const error = JSON.parse(refused.stdout).error
      expect(error.code).toBe('TARGET_REJECTED')
      expect(error.message).toMatch(/refused the login .*check the access key id and secret/)
      expect(refused.stdout + refused.stderr).not.toContain(secret)
      expect(await listS3(s3, 'site', `${name}/`)).toEqual([])
      const tested = station.run(['publish', 'targets', 'test', name, '--json'])
      expect(tested.code).toBe(1)
      expect(JSON.parse(tested.stdout).error.code).toBe('TARGET_REJECTED')
    }
  }, 120_000)

  it('resumes a publish that was killed mid-run, and ends complete and consistent', async () => {
    const station = stationWithAwards(120)
    dirs.push(station.dir)
    addTarget(station, 'kill', 'killed')
    const log = path.join(station.dir, 'publish', 'targets', 'kill', 'log.ndjson')
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, 'bin', 'kiln.js'),
        '--data',
        station.dir,
        'publish',
        '--target',
        'kill'
      ],
      {
        env: { ...process.env, KILN_PASSPHRASE: TEST_PASSPHRASE, KILN_SCRYPT_N: '16384' },
        stdio: ['ignore', 'ignore', 'pipe']
      }
    )
    let stderr = ''
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise((resolve) => child.on('exit', resolve))
    // Kill it once it has confirmed some uploads (waiting on the log, not on a clock).
    for (;;) {
      const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').length - 1 : 0
      if (lines >= 40) break
      if (child.exitCode !== null) {
        throw new Error(`the publish ended before it could be killed: ${stderr}`)
      }
      await new Promise((r) => setTimeout(r, 5))
    }
    child.kill('SIGKILL')
    await exited
    const logged = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{"put"')).length
    expect(logged).toBeGreaterThanOrEqual(40)
    expect(await listS3(s3, 'site', 'killed/kiln-manifest.json')).toEqual([])

    const resumed = publish(station, 'kill')
    expect(resumed.resumed).toBe(true)
    expect(resumed.verified).toBe(true)
    const siteFiles = resumed.uploaded + resumed.unchanged
    // Only what the killed run had not confirmed is uploaded again.
    expect(resumed.uploaded).toBeLessThanOrEqual(siteFiles - logged + 1)
    expect(existsSync(log)).toBe(false)
    const { dir } = await download('killed/')
    verifyDownload(station, dir, new Set(), false)
    const again = publish(station, 'kill')
    expect(again.uploaded).toBe(0)
    expect(again.resumed).toBe(false)
  }, 240_000)
})
