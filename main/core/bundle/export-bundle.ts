/**
 * Exporting a sync bundle: render the units whose inputs changed, diff the full site's file
 * hashes against the previous export, and write only the changed files plus the signed
 * manifest (kiln-manifest.json and its numbered copy kiln-manifests/<seq>.json) to a folder or
 * a zip. The record of the previous export lives in the data dir (bundles/state.json,
 * bundles/manifests/<seq>.json, bundles/segments/). If nothing changed since the last export,
 * the same bundle (same seq, same bytes) is written again, so exporting the same state twice
 * gives byte-identical output; --full writes every file of the site.
 *
 * It runs as a job (kind 'bundle:export'): rendering reads the station and gives the event loop back
 * every ~15 ms; only the final record (state files and the journal entry) takes the mutation queue.
 */
import type { BundleExportSummary } from '../../../shared/methods/bundle.js'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Station } from '../station/station.js'
import type { JobControl } from '../jobs/job-registry.js'
import { zipDeterministic } from './zip-writer.js'
import { fail } from '../failure.js'
import { writeFileAtomic } from '../storage/atomic-write.js'
import { verificationMethodFor } from '../keys/did.js'
import { siteScripts } from '../site/verifier-bundle.js'
import {
  SEGMENT_SIZE,
  addSegmentEntry,
  jsonBytes,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  segmentFromEntries,
  segmentPath,
  sha256Hex,
  signManifest,
  type FileMap,
  type SegmentRef
} from './manifest.js'
import { readMergedStations } from './merged-stations.js'
import { collectSiteUnits, type FileData, type Files } from './site-units.js'
import { FolderWriter } from './folder-writer.js'

/**
 * What an export needs of the job it runs in: a bundle:export job's JobControl, or a publish
 * job's (which reports the export as its "preparing" phase).
 */
export type ExportControl = Pick<JobControl<unknown>, 'cancelled' | 'mutate' | 'yieldIfDue'> &
  Readonly<{ progress(done: number, total: number): void }>

export type BundleExportOptions = Readonly<{
  out: string
  /** What checkBundleDestination said before the job started. */
  format: 'folder' | 'zip'
  full?: boolean
  control: ExportControl
}>

/** What an export wrote (the contract's summary: the same shape for every host). */
export type BundleExportResult = BundleExportSummary

type UnitState = { digest: string; files: Record<string, string> }
type SegmentState = { sha256: string; paths: string[] }
type BundleState = {
  format: 'kiln-bundle-state/3'
  seq: number
  manifestHash: string
  units: Record<string, UnitState>
  /** The segments of manifest `seq`, in order (so the next export need not read them back). */
  segments: SegmentState[]
  /** Site paths and segment paths carried by bundle `seq` (to write it again unchanged). */
  lastDelta: string[]
}

export const bundlesDir = (dataDir: string): string => path.join(dataDir, 'bundles')
const statePath = (dataDir: string): string => path.join(bundlesDir(dataDir), 'state.json')
export const storedManifestPath = (dataDir: string, seq: number): string =>
  path.join(bundlesDir(dataDir), 'manifests', `${seq}.json`)
const storedSegmentPath = (dataDir: string, sha: string): string =>
  path.join(bundlesDir(dataDir), 'segments', `${sha}.json`)

export type HistoryEntry = Readonly<{
  seq: number
  at: string
  files: number
  full: boolean
  unchanged: boolean
  out: string
  manifestHash: string
}>

const historyPath = (dataDir: string): string => path.join(bundlesDir(dataDir), 'history.json')

/** The exports, oldest first (also in the journal as bundle.exported; kept here to read fast). */
export function readHistory(dataDir: string): HistoryEntry[] {
  const file = historyPath(dataDir)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HistoryEntry[]) : []
}

async function appendHistory(dataDir: string, entry: HistoryEntry): Promise<void> {
  mkdirSync(bundlesDir(dataDir), { recursive: true, mode: 0o700 })
  await writeFileAtomic(historyPath(dataDir), JSON.stringify([...readHistory(dataDir), entry]))
}

export function readBundleState(dataDir: string): BundleState | undefined {
  const file = statePath(dataDir)
  if (!existsSync(file)) return undefined
  const state = JSON.parse(readFileSync(file, 'utf8')) as BundleState
  // An older or foreign record is ignored: the next export is then complete (like --full).
  return state.format === 'kiln-bundle-state/3' ? state : undefined
}

/**
 * The site as of the last export, with PLAIN paths (the published segments list private files
 * only by the hash of their path; this record is the station's own, in the data dir). For
 * publishing: `files` is every site file → its SHA-256; `manifestFiles` are the manifest files
 * of that state (kiln-manifest.json, kiln-manifests/<seq>.json, its segments), which are not
 * in `files`. Undefined before the first export.
 */
export function readSiteRecord(dataDir: string):
  | Readonly<{
      seq: number
      manifestHash: string
      files: ReadonlyMap<string, string>
      manifestFiles: readonly string[]
    }>
  | undefined {
  const state = readBundleState(dataDir)
  if (!state) return undefined
  const files = new Map<string, string>()
  for (const unit of Object.values(state.units)) {
    for (const [p, h] of Object.entries(unit.files)) files.set(p, h)
  }
  return {
    seq: state.seq,
    manifestHash: state.manifestHash,
    files,
    manifestFiles: [
      MANIFEST_FILE,
      `kiln-manifests/${state.seq}.json`,
      ...state.segments.map((s) => segmentPath(s.sha256))
    ]
  }
}

/** A new (or empty) folder, or a .zip that does not exist yet; checked before the job starts. */
export function checkBundleDestination(out: string): 'folder' | 'zip' {
  const zip = out.toLowerCase().endsWith('.zip')
  if (existsSync(out) && (zip || readdirSync(out).length > 0)) {
    fail(
      'DESTINATION_EXISTS',
      `${out} already exists${zip ? '' : ' and is not empty'}; choose a new place for the bundle.`,
      { field: 'out' }
    )
  }
  return zip ? 'zip' : 'folder'
}

/** Writes bundle files as they are rendered (a folder), or collects them for one zip. */
class BundleWriter {
  readonly bytes = { total: 0 }
  readonly paths = new Set<string>()
  private readonly folder = new FolderWriter()
  private readonly zip = new Map<string, Uint8Array>()
  /** The folder's path with a trailing separator (site paths are relative and never hold '..'). */
  private readonly root: string

  constructor(
    private readonly out: string,
    private readonly format: 'folder' | 'zip'
  ) {
    this.root = path.resolve(out) + path.sep
  }

  /**
   * Queues a file (a folder's files are written by FolderWriter's thread as rendering goes on)
   * and returns its bytes, valid until the next call (hash them first); undefined when the path
   * was queued before. Call flushIfFull() after.
   */
  put(p: string, data: FileData): Uint8Array | undefined {
    if (this.paths.has(p)) return undefined
    this.paths.add(p)
    let bytes: Uint8Array
    if (this.format === 'zip') {
      bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
      this.zip.set(p, bytes)
    } else {
      bytes = this.folder.put(
        this.root + (path.sep === '/' ? p : p.split('/').join(path.sep)),
        data
      )
    }
    this.bytes.total += bytes.length
    return bytes
  }

  /** Whether a batch is full (then `await flushIfFull()`; most files need no await). */
  get full(): boolean {
    return this.format === 'folder' && this.folder.full
  }

  async flushIfFull(): Promise<void> {
    if (this.format === 'folder') await this.folder.flushIfFull()
  }

  async add(p: string, data: FileData): Promise<void> {
    this.put(p, data)
    await this.flushIfFull()
  }

  /** Waits for every queued write (the manifest is written after all the files it lists). */
  async drain(): Promise<void> {
    await this.folder.drain()
  }

  /** Stops the writing thread (also after a failure; again is harmless). */
  async close(): Promise<void> {
    await this.folder.close()
  }

  /** Waits for the folder's writes, or writes the zip (entries sorted, fixed times: deterministic). */
  async finish(yieldIfDue: () => Promise<void>): Promise<number> {
    if (this.format === 'folder') {
      await this.close()
      return this.bytes.total
    }
    mkdirSync(path.dirname(path.resolve(this.out)), { recursive: true })
    return await zipDeterministic(this.zip, this.out, yieldIfDue)
  }
}

/**
 * Segments of the new manifest: a path stays in the segment it was first listed in, removed
 * paths leave theirs, new paths join the last segment until it holds SEGMENT_SIZE. A segment
 * none of whose paths changed keeps its hash and is not rewritten.
 */
async function planSegments(
  fileMap: FileMap,
  change: Readonly<{
    added: ReadonlySet<string>
    removed: ReadonlySet<string>
    changed: ReadonlySet<string>
  }>,
  previous: readonly SegmentState[],
  yieldIfDue: () => Promise<void>
): Promise<{ segments: SegmentState[]; bytes: Files }> {
  const lists: { paths: string[]; sha?: string }[] = []
  for (const s of previous) {
    const touched = change.removed.size > 0 && s.paths.some((p) => change.removed.has(p))
    const paths = touched ? s.paths.filter((p) => !change.removed.has(p)) : s.paths
    if (paths.length === 0) continue
    lists.push(
      touched || paths.some((p) => change.changed.has(p)) ? { paths } : { paths, sha: s.sha256 }
    )
  }
  const added = [...change.added].sort()
  await yieldIfDue()
  for (const p of added) {
    const last = lists.at(-1)
    if (last && last.paths.length < SEGMENT_SIZE) {
      if (last.sha !== undefined) lists[lists.length - 1] = { paths: [...last.paths, p] }
      else last.paths.push(p)
    } else lists.push({ paths: [p] })
  }
  const segments: SegmentState[] = []
  const bytes: Files = new Map()
  for (const { paths, sha } of lists) {
    if (sha !== undefined) {
      segments.push({ sha256: sha, paths })
      continue
    }
    const plain: [string, string][] = []
    const hashed: [string, string][] = []
    for (let i = 0; i < paths.length; i++) {
      addSegmentEntry(paths[i] ?? '', fileMap, plain, hashed)
      if (i % 128 === 127) await yieldIfDue()
    }
    const data = segmentFromEntries(plain, hashed)
    const hash = sha256Hex(data)
    segments.push({ sha256: hash, paths })
    bytes.set(segmentPath(hash), data)
    await yieldIfDue()
  }
  return { segments, bytes }
}

/** Without a usable record, the chain still continues after the newest stored manifest. */
function lastStoredManifest(dataDir: string): { seq: number; hash: string } | undefined {
  const dir = path.join(bundlesDir(dataDir), 'manifests')
  if (!existsSync(dir)) return undefined
  const seqs = readdirSync(dir)
    .filter((f) => /^\d+\.json$/.test(f))
    .map((f) => Number(f.slice(0, -5)))
  if (seqs.length === 0) return undefined
  const seq = Math.max(...seqs)
  return { seq, hash: sha256Hex(readFileSync(storedManifestPath(dataDir, seq))) }
}

function storedSegment(dataDir: string, sha: string): Buffer {
  return readFileSync(storedSegmentPath(dataDir, sha))
}

export async function exportBundle(
  station: Station,
  options: BundleExportOptions
): Promise<BundleExportResult> {
  const signer = station.signer
  const catalog = station.catalog
  const dataDir = station.paths.dataDir
  const full = Boolean(options.full)
  const { format, control } = options
  const snapshot = await collectSiteUnits(
    station,
    readMergedStations(dataDir),
    await siteScripts(),
    () => control.yieldIfDue()
  )
  const prev = readBundleState(dataDir)
  const writer = new BundleWriter(options.out, format)
  let record: ExportRecord
  let result: BundleExportResult
  try {
    // Render the units whose inputs changed (all with --full) and write the files that differ
    // as they come; the other units keep their recorded hashes and are not rendered.
    const units: Record<string, UnitState> = {}
    const fileMap: FileMap = new Map()
    const changed = new Set<string>()
    const added = new Set<string>()
    const removed = new Set<string>()
    const total = snapshot.units.length
    let done = 0
    for (const unit of snapshot.units) {
      const before = prev?.units[unit.key]
      let hashes: Record<string, string>
      if (!full && before && before.digest === unit.digest) hashes = before.files
      else {
        hashes = {}
        for (const [p, data] of await unit.render()) {
          // A full export queues every file and hashes the bytes as queued (encoded once).
          const h = sha256Hex((full ? writer.put(p, data) : undefined) ?? data)
          hashes[p] = h
          const old = before?.files[p]
          const differs = old !== h
          if (differs) changed.add(p)
          if (old === undefined) added.add(p)
          if (full) {
            if (writer.full) await writer.flushIfFull()
          } else if (differs) await writer.add(p, data)
        }
        for (const p of Object.keys(before?.files ?? {})) {
          if (!(p in hashes)) {
            changed.add(p)
            removed.add(p)
          }
        }
      }
      units[unit.key] = { digest: unit.digest, files: hashes }
      for (const [p, h] of Object.entries(hashes)) fileMap.set(p, h)
      done++
      control.progress(done, total)
      if (control.cancelled()) {
        fail('CANCELLED', 'The bundle export was cancelled; nothing was recorded.')
      }
      await control.yieldIfDue()
    }
    for (const [key, u] of Object.entries(prev?.units ?? {})) {
      if (key in units) continue
      for (const p of Object.keys(u.files)) {
        changed.add(p)
        removed.add(p)
      }
    }
    const unchanged = prev !== undefined && changed.size === 0

    let seq: number
    let manifestBytes: Buffer
    let segments: SegmentState[]
    let newSegments: Files = new Map()
    let delta: string[]
    if (unchanged && prev) {
      // The same state: write bundle `seq` again, byte for byte.
      seq = prev.seq
      manifestBytes = readFileSync(storedManifestPath(dataDir, seq))
      segments = prev.segments
      const wanted = new Set(full ? fileMap.keys() : prev.lastDelta.filter((p) => fileMap.has(p)))
      for (const unit of snapshot.units) {
        const paths = Object.keys(units[unit.key]?.files ?? {}).filter(
          (p) => wanted.has(p) && !writer.paths.has(p)
        )
        if (paths.length === 0) continue
        const files = await unit.render()
        for (const p of paths) {
          const bytes = files.get(p)
          if (bytes) await writer.add(p, bytes)
        }
        await control.yieldIfDue()
      }
      const segs = full
        ? segments.map((s) => segmentPath(s.sha256))
        : prev.lastDelta.filter((p) => p.startsWith('kiln-manifests/segments/'))
      for (const p of segs) await writer.add(p, storedSegment(dataDir, path.basename(p, '.json')))
      delta = prev.lastDelta
    } else {
      const last = prev ? { seq: prev.seq, hash: prev.manifestHash } : lastStoredManifest(dataDir)
      seq = (last?.seq ?? 0) + 1
      const plan = await planSegments(
        fileMap,
        { added, removed, changed },
        prev?.segments ?? [],
        () => control.yieldIfDue()
      )
      segments = plan.segments
      newSegments = plan.bytes
      for (const s of segments) {
        const p = segmentPath(s.sha256)
        const bytes = newSegments.get(p) ?? (full ? storedSegment(dataDir, s.sha256) : undefined)
        if (bytes) await writer.add(p, bytes)
      }
      const refs: SegmentRef[] = segments.map((s) => ({
        path: segmentPath(s.sha256),
        sha256: s.sha256,
        files: s.paths.length
      }))
      const statusLists = Object.fromEntries(
        snapshot.statusListPaths
          .filter((p) => fileMap.has(p))
          .map((p) => [p, fileMap.get(p) ?? ''] as const)
      )
      const manifest = signManifest(
        {
          format: MANIFEST_FORMAT,
          seq,
          previous: last?.hash ?? null,
          issuer: catalog.issuer.id,
          stationId: catalog.stationId,
          siteUrl: catalog.siteUrl,
          files: fileMap.size,
          statusLists,
          segments: refs
        },
        signer,
        verificationMethodFor(catalog.issuer.id, signer.publicKey)
      )
      manifestBytes = jsonBytes(manifest)
      delta = [...writer.paths].sort()
    }
    // The manifest is written after every file it lists is on disk.
    await writer.drain()
    await writer.add(MANIFEST_FILE, manifestBytes)
    await writer.add(`kiln-manifests/${seq}.json`, manifestBytes)
    const bytes = await writer.finish(() => control.yieldIfDue())
    station.outputs.remember(options.out)
    const manifestHash = sha256Hex(manifestBytes)
    result = {
      seq,
      out: path.resolve(options.out),
      format,
      files: writer.paths.size,
      bytes,
      siteFiles: fileMap.size,
      manifestHash,
      unchanged,
      full,
      heldBack: snapshot.heldBack
    }
    record = {
      base: prev?.manifestHash,
      seq,
      manifestBytes,
      manifestHash,
      unchanged,
      full,
      units,
      segments,
      delta,
      newSegments,
      files: writer.paths.size,
      out: result.out
    }
  } finally {
    // The writing thread stops whatever happens (a failed export must not leave it running).
    await writer.close()
  }
  // Record the export only after the bundle is complete, as one change of the station.
  await control.mutate(() => recordExport(station, record))
  station.bus.emit('data:changed', { domain: 'bundles' })
  return result
}

type ExportRecord = Readonly<{
  /** The manifest of the record this export started from (undefined: none). */
  base: string | undefined
  seq: number
  manifestBytes: Buffer
  manifestHash: string
  unchanged: boolean
  full: boolean
  units: Record<string, UnitState>
  segments: SegmentState[]
  delta: string[]
  newSegments: Files
  files: number
  out: string
}>

async function recordExport(station: Station, r: ExportRecord): Promise<void> {
  const dataDir = station.paths.dataDir
  // Two exports may render at once (a bundle export and a publish); the second to finish would
  // number its manifest after a record it never saw.
  if (readBundleState(dataDir)?.manifestHash !== r.base) {
    fail(
      'CONFLICT',
      'Another export of the site finished while this one ran; nothing of this one was recorded. Export again.'
    )
  }
  const { seq, manifestHash, unchanged, full, units, segments, delta, newSegments } = r
  if (!unchanged) {
    mkdirSync(path.join(bundlesDir(dataDir), 'manifests'), { recursive: true, mode: 0o700 })
    mkdirSync(path.join(bundlesDir(dataDir), 'segments'), { recursive: true, mode: 0o700 })
    for (const [p, data] of newSegments) {
      const file = storedSegmentPath(dataDir, path.basename(p, '.json'))
      if (!existsSync(file)) await writeFileAtomic(file, data)
    }
    await writeFileAtomic(storedManifestPath(dataDir, seq), r.manifestBytes)
    const state: BundleState = {
      format: 'kiln-bundle-state/3',
      seq,
      manifestHash,
      units,
      segments,
      lastDelta: delta
    }
    await writeFileAtomic(statePath(dataDir), JSON.stringify(state))
  }
  const data = { seq, files: r.files, manifestHash, full, unchanged, out: r.out }
  const exported = station.journal.append({ type: 'bundle.exported', data })
  await appendHistory(dataDir, { ...data, at: exported.ts })
}
