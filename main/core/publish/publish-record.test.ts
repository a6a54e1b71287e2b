/**
 * The publish record (what a target holds after a verified publish) and the log of a publish
 * under way: parsed strictly, a damaged record only costs a full upload, and an interrupted
 * publish resumes from exactly the operations the server confirmed (a torn last line is done
 * again).
 */
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  forgetTarget,
  logPath,
  PublishLog,
  readLog,
  readRecord,
  targetDir,
  writeRecord,
  type PublishRecord,
  type TargetFiles
} from './publish-record.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-record-'))
  dirs.push(dir)
  return dir
}

const RECORD: PublishRecord = {
  format: 'kiln-publish-record/1',
  seq: 4,
  manifestHash: 'a'.repeat(64),
  publishedAt: '2026-12-01T10:00:00.000Z',
  files: { 'index.html': '1'.repeat(64), 'credentials/c1.json': '2'.repeat(64) },
  awards: ['c1'],
  revoked: []
}

describe('the publish record', () => {
  it('is read back as written, under the target name in lower case', async () => {
    const dir = dataDir()
    expect(readRecord(dir, 'Web')).toBeUndefined()
    await writeRecord(dir, 'Web', RECORD)
    expect(readRecord(dir, 'web')).toEqual(RECORD)
    expect(readRecord(dir, 'WEB')).toEqual(RECORD)
    expect(existsSync(path.join(dir, 'publish', 'targets', 'web', 'record.json'))).toBe(true)
    expect(statSync(targetDir(dir, 'web')).mode & 0o777).toBe(0o700)
  })

  it('is ignored when damaged or not a record (the next publish then uploads everything)', async () => {
    const dir = dataDir()
    await writeRecord(dir, 'web', RECORD)
    const file = path.join(targetDir(dir, 'web'), 'record.json')
    for (const bad of [
      '{"format":"kiln-publish-record/1",',
      'null',
      JSON.stringify({ ...RECORD, format: 'kiln-publish-record/2' }),
      JSON.stringify({ ...RECORD, seq: -1 }),
      JSON.stringify({ ...RECORD, files: { 'index.html': 7 } }),
      JSON.stringify({ ...RECORD, extra: true })
    ]) {
      writeFileSync(file, bad)
      expect(readRecord(dir, 'web'), bad.slice(0, 60)).toBeUndefined()
    }
  })

  it('is forgotten with its log when the target is', async () => {
    const dir = dataDir()
    await writeRecord(dir, 'web', RECORD)
    new PublishLog(dir, 'web').close()
    forgetTarget(dir, 'Web')
    expect(existsSync(targetDir(dir, 'web'))).toBe(false)
    expect(readRecord(dir, 'web')).toBeUndefined()
  })
})

describe('the log of a publish under way', () => {
  it('applies confirmed uploads and deletions over the record, in order', () => {
    const dir = dataDir()
    const log = new PublishLog(dir, 'web')
    log.put('credentials/c2.json', '3'.repeat(64))
    log.put('index.html', '4'.repeat(64))
    log.del('credentials/c1.json')
    log.put('credentials/c1.json', '5'.repeat(64)) // deleted, then uploaded again
    log.del('credentials/c2.json') // uploaded, then deleted
    log.close()
    expect(statSync(logPath(dir, 'web')).mode & 0o777).toBe(0o600)
    const files: TargetFiles = new Map(Object.entries(RECORD.files))
    expect(readLog(dir, 'web', files)).toBe(5)
    expect(Object.fromEntries(files)).toEqual({
      'index.html': '4'.repeat(64),
      'credentials/c1.json': '5'.repeat(64)
    })
  })

  it('without a log, leaves the record as it is and says nothing was resumed', () => {
    const dir = dataDir()
    const files: TargetFiles = new Map(Object.entries(RECORD.files))
    expect(readLog(dir, 'web', files)).toBe(0)
    expect(Object.fromEntries(files)).toEqual(RECORD.files)
  })

  it('appends to the log a killed publish left (a second interruption keeps both)', () => {
    const dir = dataDir()
    const first = new PublishLog(dir, 'web')
    first.put('a.json', '1'.repeat(64))
    first.close() // killed
    const second = new PublishLog(dir, 'web')
    second.put('b.json', '2'.repeat(64))
    second.close()
    const files: TargetFiles = new Map()
    expect(readLog(dir, 'web', files)).toBe(2)
    expect([...files.keys()]).toEqual(['a.json', 'b.json'])
  })

  it('ignores a torn last line (that operation is simply done again)', () => {
    const dir = dataDir()
    const log = new PublishLog(dir, 'web')
    log.put('a.json', '1'.repeat(64))
    log.close()
    appendFileSync(logPath(dir, 'web'), '{"put":"b.json","sha2')
    const files: TargetFiles = new Map()
    expect(readLog(dir, 'web', files)).toBe(1)
    expect([...files.keys()]).toEqual(['a.json'])
  })

  it('stops at the first line that is not an operation, trusting nothing after it', () => {
    const dir = dataDir()
    writeFileSync(
      logPath(dataDirWithTarget(dir), 'web'),
      [
        JSON.stringify({ put: 'a.json', sha256: '1'.repeat(64) }),
        '',
        JSON.stringify({ put: 'b.json' }),
        JSON.stringify({ del: 'a.json' })
      ].join('\n') + '\n'
    )
    const files: TargetFiles = new Map()
    expect(readLog(dir, 'web', files)).toBe(1)
    expect([...files.keys()]).toEqual(['a.json'])
  })

  it('is removed once the record holds what it said, and writes nothing after closing', () => {
    const dir = dataDir()
    const log = new PublishLog(dir, 'web')
    log.put('a.json', '1'.repeat(64))
    log.discard()
    expect(existsSync(logPath(dir, 'web'))).toBe(false)
    log.put('b.json', '2'.repeat(64))
    expect(existsSync(logPath(dir, 'web'))).toBe(false)
  })

  it('writes one whole line per operation as it happens (a kill loses at most the one being written)', () => {
    const dir = dataDir()
    const log = new PublishLog(dir, 'web')
    log.put('a.json', '1'.repeat(64))
    // Read while the log is still open: the operation is already on disk.
    expect(readFileSync(logPath(dir, 'web'), 'utf8')).toBe(
      `${JSON.stringify({ put: 'a.json', sha256: '1'.repeat(64) })}\n`
    )
    log.close()
  })
})

/** Makes the target's folder (as PublishLog does) and returns the data dir. */
function dataDirWithTarget(dir: string): string {
  new PublishLog(dir, 'web').close()
  return dir
}
