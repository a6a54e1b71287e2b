/**
 * Exporting a sync bundle: render the units whose inputs changed, diff the full site's file
 * hashes against the previous export, and write only the changed files plus the signed
 * manifest (kiln-manifest.json and its numbered copy kiln-manifests/<seq>.json) to a folder or
 * a zip. The record of the previous export lives in the data dir (bundles/state.json,
 * bundles/blocks/, bundles/manifests/<seq>.json, bundles/segments/). If nothing changed since the
 * last export,
 * the same bundle (same seq, same bytes) is written again, so exporting the same state twice
 * gives byte-identical output; --full writes every file of the site.
 *
 * The record is kept in blocks of units (site-units.ts: the site-wide units, awards 256 at a
 * time in ledger order, personal pages in order of first award): state.json lists each block's
 * digest (of its units' digests), the content-addressed file that holds its units' file hashes
 * (bundles/blocks/<sha256>.json) and its manifest segment (a block is a segment). An export
 * reads only the blocks whose digest changed, so its cost follows what changed, not the site.
 *
 * It runs as a job (kind 'bundle:export'): rendering reads the station and gives the event loop back
 * every ~15 ms; only the final record (state files and the journal entry) takes the mutation queue.
 */
import type { BundleExportSummary } from '../../../shared/methods/bundle.js'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createHash } from 'node:crypto'
import path from 'node:path'
import type { Station } from '../station/station.js'
import type { JobControl } from '../jobs/job-registry.js'
import { zipDeterministic } from './zip-writer.js'
import { fail } from '../failure.js'
import { tempPathFor, writeFileAtomic } from '../storage/atomic-write.js'
import { verificationMethodFor } from '../keys/did.js'
import { siteScripts } from '../site/verifier-bundle.js'
import {
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
import { readMergedStations, type MergedStation } from './merged-stations.js'
import {
  collectSiteUnits,
  type FileData,
  type RecordedPoint,
  type SiteScripts,
  type SiteUnit
} from './site-units.js'
import { planIncremental, type IncrementalPlan } from './incremental-plan.js'
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
/** One block's record in state.json. */
type BlockState = {
  /** SHA-256 over what its units depend on (site-units.ts: shared, then each key and inputs). */
  digest: string
  /** SHA-256 of its block file (bundles/blocks/<sha>.json: its units' digests and file hashes). */
  sha256: string
  /** SHA-256 of its manifest segment ('' when the block has no files). */
  segment: string
  files: number
}
type BundleState = {
  format: 'kiln-bundle-state/4'
  seq: number
  manifestHash: string
  /** The blocks of manifest `seq`, in order ([name, record]). */
  blocks: [string, BlockState][]
  /** What bundle `seq` carried, to write it again unchanged: every file, or these blocks' paths. */
  lastDelta: 'full' | { blocks: string[]; paths: string[] }
  /** Where the snapshot of this export stood (absent in records written before it was kept). */
  since?: SinceRecord
}
/** SnapshotPoint as recorded; `people`: SHA-256 of its people file (bundles/people/<sha>.bin). */
export type SinceRecord = RecordedPoint
type BlockFile = { format: 'kiln-bundle-block/1'; units: [string, UnitState][] }

export const bundlesDir = (dataDir: string): string => path.join(dataDir, 'bundles')
const statePath = (dataDir: string): string => path.join(bundlesDir(dataDir), 'state.json')
export const storedManifestPath = (dataDir: string, seq: number): string =>
  path.join(bundlesDir(dataDir), 'manifests', `${seq}.json`)
const storedSegmentPath = (dataDir: string, sha: string): string =>
  path.join(bundlesDir(dataDir), 'segments', `${sha}.json`)
const blockPath = (dataDir: string, sha: string): string =>
  path.join(bundlesDir(dataDir), 'blocks', `${sha}.json`)
export const peoplePath = (dataDir: string, sha: string): string =>
  path.join(bundlesDir(dataDir), 'people', `${sha}.bin`)

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

/** state.json (small: one line per block), or undefined before the first export. */
function readState(dataDir: string): BundleState | undefined {
  const file = statePath(dataDir)
  if (!existsSync(file)) return undefined
  const state = JSON.parse(readFileSync(file, 'utf8')) as BundleState
  // An older or foreign record is ignored: the next export is then complete (like --full).
  return state.format === 'kiln-bundle-state/4' ? state : undefined
}

/**
 * A block's units, or undefined when its file is missing or does not match its hash (block
 * files are written without fsync: a torn one only makes the next export render the block again).
 */
function readBlock(dataDir: string, sha: string): Map<string, UnitState> | undefined {
  const file = blockPath(dataDir, sha)
  if (!existsSync(file)) return undefined
  const bytes = readFileSync(file)
  if (sha256Hex(bytes) !== sha) return undefined
  const block = JSON.parse(bytes.toString('utf8')) as BlockFile
  return new Map(block.units)
}

/**
 * The whole record of the last export: every unit's digest and file hashes, and the segments in
 * order (for bundle status, publishing and the mail's site check; it reads every block).
 */
export function readBundleState(dataDir: string):
  | Readonly<{
      seq: number
      manifestHash: string
      units: Record<string, UnitState>
      segments: readonly Readonly<{ sha256: string }>[]
    }>
  | undefined {
  const state = readState(dataDir)
  if (!state) return undefined
  const units: Record<string, UnitState> = {}
  for (const [name, block] of state.blocks) {
    const stored = readBlock(dataDir, block.sha256)
    if (!stored) {
      fail('INTERNAL', `The record of the last export lacks its block ${name}; export with --full.`)
    }
    for (const [key, unit] of stored) units[key] = unit
  }
  return {
    seq: state.seq,
    manifestHash: state.manifestHash,
    units,
    segments: state.blocks
      .filter(([, b]) => b.segment !== '')
      .map(([, b]) => ({ sha256: b.segment }))
  }
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

/** The units of each block, in order of first appearance. */
function blocksOf(units: readonly SiteUnit[]): Map<string, SiteUnit[]> {
  const blocks = new Map<string, SiteUnit[]>()
  for (const unit of units) {
    const list = blocks.get(unit.block)
    if (list) list.push(unit)
    else blocks.set(unit.block, [unit])
  }
  return blocks
}

/** One hash per block over what its units depend on (no unit's own digest is computed). */
function blockDigest(shared: string, units: readonly SiteUnit[]): string {
  let text = `${shared}\n`
  for (const unit of units) text += `${unit.key}\n${unit.inputs}\n`
  return createHash('sha256').update(text).digest('hex')
}

/** A block's manifest segment (undefined for a block without files). */
function segmentOf(units: readonly (readonly [string, UnitState])[]): Buffer | undefined {
  const plain: [string, string][] = []
  const hashed: [string, string][] = []
  const files: FileMap = new Map()
  for (const [, unit] of units) {
    for (const [p, h] of Object.entries(unit.files)) {
      files.set(p, h)
      addSegmentEntry(p, files, plain, hashed)
    }
  }
  return files.size === 0 ? undefined : segmentFromEntries(plain, hashed)
}

function planFromRecord(
  station: Station,
  merged: readonly MergedStation[],
  scripts: SiteScripts,
  prev: BundleState | undefined
): IncrementalPlan | undefined {
  if (!prev?.since) return undefined
  return planIncremental(
    station,
    merged,
    scripts,
    prev.since,
    peoplePath(station.paths.dataDir, prev.since.people),
    new Set(prev.blocks.map(([name]) => name)),
    prev.lastDelta === 'full' ? 'full' : prev.lastDelta.blocks
  )
}

/**
 * What the next incremental export would build (undefined: it walks every award, as a full one
 * does), for tests and diagnostics.
 */
export async function nextExportPlan(station: Station): Promise<IncrementalPlan | undefined> {
  const dataDir = station.paths.dataDir
  const merged = readMergedStations(dataDir)
  const scripts = await siteScripts()
  return planFromRecord(station, merged, scripts, readState(dataDir))
}

/** A block of this export: its name and record. */
type NewBlock = Readonly<{ name: string; state: BlockState }>

export async function exportBundle(
  station: Station,
  options: BundleExportOptions
): Promise<BundleExportResult> {
  // The key may still be being derived (an unlock under way): planning goes on meanwhile, and
  // nothing is written before it is here (a wrong passphrase leaves no files).
  station.requireSigning()
  const signing = station.signerSoon()
  signing.catch(() => undefined) // awaited below; a failure before then must not go unhandled
  const catalog = station.catalog
  const dataDir = station.paths.dataDir
  const full = Boolean(options.full)
  const { format, control } = options
  const merged = readMergedStations(dataDir)
  const scripts = await siteScripts()
  const prev = readState(dataDir)
  const prevBlocks = new Map(prev?.blocks ?? [])
  // What changed since the last export (undefined: walk every award). The plan and the snapshot's
  // first slice (the awards it reads, the status lists) run without a turn of the event loop.
  const incremental = full ? undefined : planFromRecord(station, merged, scripts, prev)
  const snapshot = await collectSiteUnits(
    station,
    merged,
    scripts,
    () => control.yieldIfDue(),
    incremental?.partial
  )
  const point = incremental?.since ?? snapshot.since
  if (!point) fail('INTERNAL', 'The site snapshot did not say where it stood.')
  const signer = await signing
  const writer = new BundleWriter(options.out, format)
  const statusListPaths = new Set(snapshot.statusListPaths)
  const statusLists: Record<string, string> = {}
  let record: ExportRecord
  let result: BundleExportResult
  const storing: Promise<void>[] = []
  try {
    // Render the units of the blocks whose digest changed (all with --full) and write the files
    // that differ as they come; the other blocks keep their record and are not even read.
    const blocks: NewBlock[] = []
    let fileCount = 0
    let anyChange = false
    const touched: string[] = []
    const total = snapshot.units.length
    let done = 0
    const built = blocksOf(snapshot.units)
    for (const name of incremental?.order ?? built.keys()) {
      const units = built.get(name)
      const before = prevBlocks.get(name)
      prevBlocks.delete(name)
      if (!units) {
        // A block nothing changed in (the incremental plan checked it is in the record).
        if (!before) fail('INTERNAL', `The record of the last export lacks its block ${name}.`)
        blocks.push({ name, state: before })
        fileCount += before.files
        continue
      }
      const digest = blockDigest(snapshot.shared, units)
      if (!full && before && before.digest === digest && name !== 'site') {
        blocks.push({ name, state: before })
        fileCount += before.files
        done += units.length
        control.progress(done, total)
        continue
      }
      const old = before ? readBlock(dataDir, before.sha256) : undefined
      const entries: [string, UnitState][] = []
      let changed = false
      for (const unit of units) {
        const was = old?.get(unit.key)
        old?.delete(unit.key)
        let hashes: Record<string, string>
        if (!full && was && was.digest === unit.digest) hashes = was.files
        else {
          hashes = {}
          for (const [p, data] of await unit.render()) {
            // A full export queues every file and hashes the bytes as queued (encoded once).
            const h = sha256Hex((full ? writer.put(p, data) : undefined) ?? data)
            hashes[p] = h
            const differs = was?.files[p] !== h
            if (differs) changed = true
            if (full) {
              if (writer.full) await writer.flushIfFull()
            } else if (differs) await writer.add(p, data)
          }
          for (const p of Object.keys(was?.files ?? {})) if (!(p in hashes)) changed = true
        }
        entries.push([unit.key, { digest: unit.digest, files: hashes }])
        for (const p of Object.keys(hashes)) {
          if (statusListPaths.has(p)) statusLists[p] = hashes[p] ?? ''
        }
        done++
        control.progress(done, total)
        if (control.cancelled()) {
          fail('CANCELLED', 'The bundle export was cancelled; nothing was recorded.')
        }
        await control.yieldIfDue()
      }
      // Units the block no longer has (and a block whose record could not be read) changed.
      if ((old && old.size > 0) || (before && !old)) changed = true
      const blockBytes = Buffer.from(
        JSON.stringify({ format: 'kiln-bundle-block/1', units: entries } satisfies BlockFile),
        'utf8'
      )
      const segmentBytes = segmentOf(entries)
      const segment = segmentBytes ? sha256Hex(segmentBytes) : ''
      const files = entries.reduce((n, [, u]) => n + Object.keys(u.files).length, 0)
      const state: BlockState = { digest, sha256: sha256Hex(blockBytes), segment, files }
      // Content-addressed, so written now (not only by the record): memory stays flat; a
      // failed export leaves at most a few files nothing refers to.
      writeAddressed(blockPath(dataDir, state.sha256), blockBytes)
      // Stored segments are synced on libuv's threads while rendering goes on (awaited below).
      if (segmentBytes) storing.push(storeSegment(dataDir, segment, segmentBytes))
      blocks.push({ name, state })
      fileCount += files
      if (changed || !before || before.segment !== segment) {
        anyChange = true
        touched.push(name)
      }
      await control.yieldIfDue()
    }
    await Promise.all(storing.splice(0))
    if (prevBlocks.size > 0) anyChange = true
    const unchanged = prev !== undefined && !anyChange

    let seq: number
    let manifestBytes: Buffer
    let delta: BundleState['lastDelta']
    if (unchanged && prev) {
      // The same state: write bundle `seq` again, byte for byte.
      seq = prev.seq
      manifestBytes = readFileSync(storedManifestPath(dataDir, seq))
      const again = full || prev.lastDelta === 'full' ? undefined : prev.lastDelta
      const wantedBlocks = again ? new Set(again.blocks) : undefined
      const wantedPaths = again ? new Set(again.paths) : undefined
      const units = blocksOf(snapshot.units)
      for (const { name, state } of blocks) {
        if (wantedBlocks && !wantedBlocks.has(name)) continue
        const stored = readBlock(dataDir, state.sha256)
        for (const unit of units.get(name) ?? []) {
          const paths = Object.keys(stored?.get(unit.key)?.files ?? {}).filter(
            (p) => (!wantedPaths || wantedPaths.has(p)) && !writer.paths.has(p)
          )
          if (paths.length === 0) continue
          const files = await unit.render()
          for (const p of paths) {
            const data = files.get(p)
            if (data !== undefined) await writer.add(p, data)
          }
          await control.yieldIfDue()
        }
        const seg = segmentPath(state.segment)
        if (state.segment !== '' && (!wantedPaths || wantedPaths.has(seg))) {
          await writer.add(seg, readFileSync(storedSegmentPath(dataDir, state.segment)))
        }
      }
      delta = prev.lastDelta
    } else {
      const last = prev ? { seq: prev.seq, hash: prev.manifestHash } : lastStoredManifest(dataDir)
      seq = (last?.seq ?? 0) + 1
      const touchedSet = new Set(touched)
      for (const b of blocks) {
        if (b.state.segment === '') continue
        if (!full && !touchedSet.has(b.name)) continue
        const p = segmentPath(b.state.segment)
        await writer.add(p, readFileSync(storedSegmentPath(dataDir, b.state.segment)))
      }
      const refs: SegmentRef[] = blocks
        .filter((b) => b.state.segment !== '')
        .map((b) => ({
          path: segmentPath(b.state.segment),
          sha256: b.state.segment,
          files: b.state.files
        }))
      const manifest = signManifest(
        {
          format: MANIFEST_FORMAT,
          seq,
          previous: last?.hash ?? null,
          issuer: catalog.issuer.id,
          stationId: catalog.stationId,
          siteUrl: catalog.siteUrl,
          files: fileCount,
          statusLists,
          segments: refs
        },
        signer,
        verificationMethodFor(catalog.issuer.id, signer.publicKey)
      )
      manifestBytes = jsonBytes(manifest)
      // With no record before it, every file was written: the bundle is the whole site, as with
      // --full (listing its paths made the first record of a million awards 190 MB, read twice
      // by the next export).
      delta = full || !prev ? 'full' : { blocks: touched, paths: [...writer.paths].sort() }
    }
    // The people file of this point, written while the writing thread drains.
    const peopleBytes = point.people.fileBytes(point.planOfRow)
    const peopleSha = sha256Hex(peopleBytes)
    writeAddressed(peoplePath(dataDir, peopleSha), peopleBytes)
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
      siteFiles: fileCount,
      manifestHash,
      unchanged,
      full,
      heldBack: snapshot.heldBack
    }
    const { seq: jseq, hash, bytes: jbytes, rows, at, globals } = point
    record = {
      since: { seq: jseq, hash, bytes: jbytes, rows, at, globals, people: peopleSha },
      base: prev?.manifestHash,
      seq,
      manifestBytes,
      manifestHash,
      unchanged,
      full,
      blocks,
      delta,
      files: writer.paths.size,
      out: result.out
    }
  } finally {
    // The writing thread stops whatever happens (a failed export must not leave it running).
    await Promise.allSettled(storing)
    await writer.close()
  }
  // Record the export only after the bundle is complete, as one change of the station.
  await control.mutate(() => recordExport(station, record))
  station.bus.emit('data:changed', { domain: 'bundles' })
  return result
}

type ExportRecord = Readonly<{
  since: SinceRecord
  /** The manifest of the record this export started from (undefined: none). */
  base: string | undefined
  seq: number
  manifestBytes: Buffer
  manifestHash: string
  unchanged: boolean
  full: boolean
  blocks: readonly NewBlock[]
  delta: BundleState['lastDelta']
  files: number
  out: string
}>

/** A content-addressed file of the record: written once, under a temp name, then renamed. */
function writeAddressed(file: string, data: Uint8Array): void {
  if (existsSync(file)) return
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const temp = tempPathFor(file)
  writeFileSync(temp, data, { mode: 0o600 })
  renameSync(temp, file)
}

/** A segment of the record (publishing reads them back): written atomically and synced, once. */
async function storeSegment(dataDir: string, sha: string, data: Uint8Array): Promise<void> {
  const file = storedSegmentPath(dataDir, sha)
  if (existsSync(file)) return
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  await writeFileAtomic(file, data)
}

async function recordExport(station: Station, r: ExportRecord): Promise<void> {
  const dataDir = station.paths.dataDir
  // Two exports may render at once (a bundle export and a publish); the second to finish would
  // number its manifest after a record it never saw.
  if (readState(dataDir)?.manifestHash !== r.base) {
    fail(
      'CONFLICT',
      'Another export of the site finished while this one ran; nothing of this one was recorded. Export again.'
    )
  }
  const { seq, manifestHash, unchanged, full, blocks, delta } = r
  mkdirSync(path.join(bundlesDir(dataDir), 'manifests'), { recursive: true, mode: 0o700 })
  if (!unchanged) await writeFileAtomic(storedManifestPath(dataDir, seq), r.manifestBytes)
  const state: BundleState = {
    format: 'kiln-bundle-state/4',
    seq,
    manifestHash,
    blocks: blocks.map((b) => [b.name, b.state]),
    lastDelta: delta,
    since: r.since
  }
  // Also when unchanged: block digests may have moved without changing a file.
  await writeFileAtomic(statePath(dataDir), JSON.stringify(state))
  // Only the newest people file is read (by the next export): the others go.
  const peopleDir = path.dirname(peoplePath(dataDir, r.since.people))
  for (const f of existsSync(peopleDir) ? readdirSync(peopleDir) : []) {
    if (f !== `${r.since.people}.bin`) rmSync(path.join(peopleDir, f), { force: true })
  }
  const data = { seq, files: r.files, manifestHash, full, unchanged, out: r.out }
  const exported = station.journal.append({ type: 'bundle.exported', data })
  await appendHistory(dataDir, { ...data, at: exported.ts })
}
