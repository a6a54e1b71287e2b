/**
 * Backups: one zip of the data directory with a manifest (every file's SHA-256), checked
 * before anything is restored. Restore never overwrites a station: it refuses, or with
 * force moves the existing directory aside (never deletes it).
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { zipSync, type Zippable } from 'fflate'
import { LOG_DIR } from '../logging/rotating-file.js'
import { KilnFailure } from '../failure.js'
import { parseKeyFile } from '../keys/keystore.js'
import { fsyncDir, isAtomicTempName, writeFileAtomic } from './atomic-write.js'
import { verifyJournal } from './journal.js'
import { readBoundedZip } from './bounded-zip.js'
import { LOCK_FILE, isProcessAlive, readLockOwner } from './lock.js'

export const BACKUP_FORMAT = 'kiln-backup/1'
export const MANIFEST_NAME = 'kiln-backup.json'
const STATION_FILES = ['station.json', 'key.json', 'journal.ndjson'] as const

export type BackupFileInfo = Readonly<{ path: string; sha256: string; bytes: number }>
export type BackupManifest = Readonly<{
  format: typeof BACKUP_FORMAT
  createdAt: string
  stationId: string | null
  files: readonly BackupFileInfo[]
}>
export type BackupVerification = Readonly<
  { ok: true; manifest: BackupManifest } | { ok: false; reason: string }
>

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** A zip entry name that stays inside the directory it is extracted to (no zip-slip). */
export function isSafeEntryPath(name: string): boolean {
  if (name === '' || name.includes('\0') || name.includes('\\')) return false
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false
  return name.split('/').every((s) => s !== '' && s !== '.' && s !== '..')
}

/**
 * Never archived: the lock, temp files, the journal's seal (it describes this very file), and the
 * checkpoint and counts (derived from the journal; a restored station rebuilds them).
 */
function skipped(name: string): boolean {
  return (
    name === LOCK_FILE ||
    name.startsWith(`${LOCK_FILE}.`) ||
    name === 'journal.seal' ||
    name === 'journal.checkpoint' ||
    name === 'journal.checkpoint.tmp' ||
    name === 'journal.counts' ||
    isAtomicTempName(name)
  )
}

async function collect(dataDir: string, exclude: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>()
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const list = await fsp.readdir(dir, { withFileTypes: true })
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const d of list) {
      const full = path.join(dir, d.name)
      const rel = prefix + d.name
      if (skipped(d.name) || path.resolve(full) === exclude) continue
      // The station log is this machine's diagnostics, not station data.
      if (prefix === '' && d.name === LOG_DIR && d.isDirectory()) continue
      if (d.isDirectory()) await walk(full, `${rel}/`)
      else if (d.isFile()) {
        let bytes: Uint8Array = await fsp.readFile(full)
        // Appends may race the read: keep complete lines only (a torn tail is never confirmed).
        if (rel === 'journal.ndjson') bytes = bytes.subarray(0, bytes.lastIndexOf(10) + 1)
        files.set(rel, bytes)
      }
      // symlinks, sockets and the like are not station data
    }
  }
  await walk(dataDir, '')
  return files
}

function readStationId(bytes: Uint8Array | undefined): string | null {
  if (!bytes) return null
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'))
    const id = (value as { stationId?: unknown } | null)?.stationId
    return typeof id === 'string' ? id : null
  } catch {
    return null
  }
}

/** The kiln-backup/1 zip of a data directory, in memory (`exclude`: a path never to include). */
export async function buildBackupZip(
  dataDir: string,
  exclude = ''
): Promise<{ zip: Uint8Array; manifest: BackupManifest; files: number }> {
  if (!fs.existsSync(path.join(dataDir, 'station.json'))) {
    throw new KilnFailure('NOT_INITIALIZED', `${dataDir} holds no station to back up.`, {
      path: dataDir
    })
  }
  const files = await collect(path.resolve(dataDir), exclude)
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    stationId: readStationId(files.get('station.json')),
    files: [...files].map(([p, bytes]) => ({ path: p, sha256: sha256(bytes), bytes: bytes.length }))
  }
  const zippable: Zippable = {
    [MANIFEST_NAME]: Buffer.from(JSON.stringify(manifest, null, 2) + '\n')
  }
  for (const [p, bytes] of files) zippable[p] = bytes
  return { zip: zipSync(zippable, { level: 6 }), manifest, files: files.size }
}

/** Refuses an existing destination (a backup never overwrites anything). */
export function refuseExisting(out: string): void {
  if (fs.existsSync(out)) {
    throw new KilnFailure(
      'DESTINATION_EXISTS',
      `${out} already exists; choose another file name.`,
      { path: out }
    )
  }
}

/** Writes an unencrypted kiln-backup/1 archive (kept for tests and old tools; hosts write kiln-backup/2). */
export async function createBackup(
  dataDir: string,
  outFile: string
): Promise<{ file: string; bytes: number; files: number }> {
  const out = path.resolve(outFile)
  refuseExisting(out)
  const { zip, files } = await buildBackupZip(dataDir, out)
  await fsp.mkdir(path.dirname(out), { recursive: true })
  await writeFileAtomic(out, zip)
  return { file: out, bytes: zip.length, files }
}

export type VerifiedBackup = Readonly<{
  manifest: BackupManifest
  files: ReadonlyMap<string, Uint8Array>
}>
type Verified = VerifiedBackup

/** A reason the archive cannot be restored (becomes BACKUP_INVALID). */
export class Invalid extends Error {}

function parseManifest(bytes: Uint8Array | undefined): BackupManifest {
  if (!bytes) throw new Invalid(`the archive has no ${MANIFEST_NAME}`)
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw new Invalid(`${MANIFEST_NAME} is not valid JSON`)
  }
  const m = value as Record<string, unknown> | null
  if (!m || m.format !== BACKUP_FORMAT) {
    throw new Invalid(`${MANIFEST_NAME} is not a ${BACKUP_FORMAT} manifest`)
  }
  if (!Array.isArray(m.files)) throw new Invalid(`${MANIFEST_NAME} has no file list`)
  const files: BackupFileInfo[] = []
  for (const f of m.files as unknown[]) {
    const e = f as Record<string, unknown> | null
    if (
      !e ||
      typeof e.path !== 'string' ||
      typeof e.sha256 !== 'string' ||
      typeof e.bytes !== 'number' ||
      !Number.isSafeInteger(e.bytes) ||
      e.bytes < 0
    ) {
      throw new Invalid(`${MANIFEST_NAME} has a malformed file entry`)
    }
    files.push({ path: e.path, sha256: e.sha256, bytes: e.bytes })
  }
  return {
    format: BACKUP_FORMAT,
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : '',
    stationId: typeof m.stationId === 'string' ? m.stationId : null,
    files
  }
}

async function checkArchive(file: string): Promise<Verified> {
  let zip: Uint8Array
  try {
    zip = await fsp.readFile(file)
  } catch (e) {
    throw new Invalid(`${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  return checkArchiveBytes(zip)
}

/**
 * Checks a kiln-backup/1 zip: manifest, every file's SHA-256, station.json, key.json, the
 * journal chain. Nothing is inflated before the sizes are checked (bounded-zip.ts): the
 * manifest first (capped), then only entries the manifest lists, each no larger than the
 * manifest says, within a ratio limit and a total cap, so a zip bomb is refused with a
 * sentence and bounded memory.
 */
export async function checkArchiveBytes(zip: Uint8Array): Promise<Verified> {
  let manifest: BackupManifest | undefined
  const entries = await readBoundedZip(zip, {
    indexName: MANIFEST_NAME,
    expectedSizes: (index) => {
      manifest = parseManifest(index)
      return new Map(manifest.files.map((f) => [f.path, f.bytes]))
    },
    invalid: (reason) => new Invalid(reason)
  })
  if (manifest === undefined) throw new Invalid(`the archive has no ${MANIFEST_NAME}`)
  const files = new Map<string, Uint8Array>()
  for (const info of manifest.files) {
    if (
      !isSafeEntryPath(info.path) ||
      skipped(path.posix.basename(info.path)) ||
      info.path === MANIFEST_NAME
    ) {
      throw new Invalid(`the archive names an unsafe path: ${JSON.stringify(info.path)}`)
    }
    const bytes = entries.get(info.path)
    if (!bytes) {
      throw new Invalid(`${info.path} is listed in the manifest but missing from the archive`)
    }
    if (bytes.length !== info.bytes || sha256(bytes) !== info.sha256) {
      throw new Invalid(
        `${info.path} does not match its SHA-256 in the manifest (the archive was changed or damaged)`
      )
    }
    files.set(info.path, bytes)
  }
  for (const name of entries.keys()) {
    if (name === MANIFEST_NAME || files.has(name)) continue
    if (
      name.endsWith('/') &&
      entries.get(name)?.length === 0 &&
      isSafeEntryPath(name.slice(0, -1))
    ) {
      continue
    }
    throw new Invalid(`${JSON.stringify(name)} is in the archive but not in the manifest`)
  }
  await checkContents(files, manifest)
  return { manifest, files }
}

async function checkContents(
  files: ReadonlyMap<string, Uint8Array>,
  manifest: BackupManifest
): Promise<void> {
  const station = files.get('station.json')
  if (!station) throw new Invalid('the archive holds no station.json')
  let catalog: unknown
  try {
    catalog = JSON.parse(Buffer.from(station).toString('utf8'))
  } catch {
    throw new Invalid('station.json in the archive is not valid JSON')
  }
  if (manifest.stationId !== null && readStationId(station) !== manifest.stationId) {
    throw new Invalid('station.json names another station than the manifest')
  }
  if (typeof catalog !== 'object' || catalog === null) {
    throw new Invalid('station.json is not a JSON object')
  }
  const key = files.get('key.json')
  if (!key) throw new Invalid('the archive holds no key.json (the station key)')
  try {
    parseKeyFile(JSON.parse(Buffer.from(key).toString('utf8')))
  } catch (e) {
    throw new Invalid(
      e instanceof KilnFailure ? e.message : 'key.json in the archive is not valid JSON'
    )
  }
  const journal = files.get('journal.ndjson')
  if (journal) {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kiln-verify-'))
    try {
      const tmp = path.join(dir, 'journal.ndjson')
      await fsp.writeFile(tmp, journal, { mode: 0o600 })
      const report = verifyJournal(tmp)
      if (!report.ok) {
        const b = report.firstBroken
        throw new Invalid(
          `journal.ndjson in the archive is damaged${b ? ` at line ${b.line}: ${b.reason}` : ''}`
        )
      }
    } finally {
      await fsp.rm(dir, { recursive: true, force: true })
    }
  }
}

export async function verifyBackup(file: string): Promise<BackupVerification> {
  try {
    const { manifest } = await checkArchive(file)
    return { ok: true, manifest }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: e.message }
    throw e
  }
}

export function holdsStation(dataDir: string): boolean {
  return STATION_FILES.some((f) => fs.existsSync(path.join(dataDir, f)))
}

export type RestoreSummary = { dataDir: string; files: number; movedAside?: string }

export async function restoreBackup(
  file: string,
  dataDir: string,
  options: Readonly<{ force?: boolean }> = {}
): Promise<RestoreSummary> {
  let verified: Verified
  try {
    verified = await checkArchive(file)
  } catch (e) {
    if (e instanceof Invalid) {
      throw new KilnFailure('BACKUP_INVALID', `The backup cannot be restored: ${e.message}.`, {
        path: file
      })
    }
    throw e
  }
  return restoreVerified(verified, dataDir, options)
}

/** Writes an already verified archive into dataDir (never over a station unless force). */
export async function restoreVerified(
  verified: VerifiedBackup,
  dataDir: string,
  options: Readonly<{ force?: boolean }> = {}
): Promise<RestoreSummary> {
  const dir = path.resolve(dataDir)
  let movedAside: string | undefined
  if (holdsStation(dir)) {
    if (!options.force) {
      throw new KilnFailure(
        'DESTINATION_EXISTS',
        `${dir} already holds a station; nothing was changed. Restore with --force to move it aside first.`,
        { path: dir }
      )
    }
    const owner = readLockOwner(path.join(dir, LOCK_FILE))
    if (owner && owner.hostname === os.hostname() && isProcessAlive(owner.pid)) {
      throw new KilnFailure(
        'STATION_IN_USE',
        `Kiln (pid ${owner.pid}) is using ${dir}; close it before restoring.`,
        {
          path: dir
        }
      )
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    movedAside = `${dir}.before-restore-${stamp}`
    for (let n = 2; fs.existsSync(movedAside); n++) {
      movedAside = `${dir}.before-restore-${stamp}-${n}`
    }
    await fsp.rename(dir, movedAside)
  }
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 })
  // station.json last: a station exists only once it is there.
  const order = [...verified.files.keys()].sort(
    (a, b) => Number(a === 'station.json') - Number(b === 'station.json')
  )
  const dirs = new Set<string>([dir])
  for (const rel of order) {
    const target = path.resolve(dir, ...rel.split('/'))
    if (!target.startsWith(dir + path.sep)) {
      throw new KilnFailure('BACKUP_INVALID', `unsafe path ${rel}`)
    }
    const bytes = verified.files.get(rel)
    if (!bytes) continue
    await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 })
    dirs.add(path.dirname(target))
    await writeFileAtomic(target, bytes)
  }
  dirs.add(path.dirname(dir))
  for (const d of dirs) await fsyncDir(d)
  return { dataDir: dir, files: verified.files.size, ...(movedAside ? { movedAside } : {}) }
}
