/**
 * Exporting a sync bundle: render the units whose inputs changed, diff the full site's file
 * hashes against the previous export, and write only the changed files plus the signed
 * manifest (kiln-manifest.json and its numbered copy kiln-manifests/<seq>.json) to a folder or
 * a zip. The record of the previous export lives in the data dir (bundles/state.json,
 * bundles/manifests/<seq>.json, bundles/segments/). If nothing changed since the last export,
 * the same bundle (same seq, same bytes) is written again, so exporting the same state twice
 * gives byte-identical output; --full writes every file of the site.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { Station } from '../station/station.js'
import { fail } from '../failure.js'
import { writeFileAtomic } from '../storage/atomic-write.js'
import { verificationMethodFor } from '../keys/did.js'
import { verifierScript } from '../site/verifier-bundle.js'
import {
  assignSegments,
  jsonBytes,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  segmentBytes,
  segmentPath,
  sha256Hex,
  signManifest,
  type FileMap,
  type Manifest,
  type SegmentRef
} from './manifest.js'
import { readMergedStations } from './merged-stations.js'
import { collectSiteUnits, type Files } from './site-units.js'

export type BundleExportOptions = Readonly<{
  out: string
  full?: boolean
  onProgress?: (done: number, total: number) => void
}>

export type BundleExportResult = Readonly<{
  seq: number
  out: string
  format: 'folder' | 'zip'
  /** Files in this bundle (site files + manifest files). */
  files: number
  bytes: number
  /** Files of the full site. */
  siteFiles: number
  manifestHash: string
  /** True when nothing changed since the last export (the same bundle was written again). */
  unchanged: boolean
  full: boolean
  heldBack: number
}>

type UnitState = { digest: string; files: Record<string, string> }
type BundleState = {
  format: 'kiln-bundle-state/1'
  seq: number
  manifestHash: string
  units: Record<string, UnitState>
  /** Site paths and segment paths carried by bundle `seq` (to write it again unchanged). */
  lastDelta: string[]
}

export const bundlesDir = (dataDir: string): string => path.join(dataDir, 'bundles')
const statePath = (dataDir: string): string => path.join(bundlesDir(dataDir), 'state.json')
export const storedManifestPath = (dataDir: string, seq: number): string =>
  path.join(bundlesDir(dataDir), 'manifests', `${seq}.json`)
const storedSegmentPath = (dataDir: string, sha: string): string =>
  path.join(bundlesDir(dataDir), 'segments', `${sha}.json`)

export function readBundleState(dataDir: string): BundleState | undefined {
  const file = statePath(dataDir)
  if (!existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as BundleState
}

function sameFiles(a: FileMap, b: FileMap): boolean {
  if (a.size !== b.size) return false
  for (const [p, h] of a) if (b.get(p) !== h) return false
  return true
}

function previousSegments(dataDir: string, manifest: Manifest | undefined): string[][] {
  if (!manifest) return []
  return manifest.segments.map((s) => {
    const seg = JSON.parse(readFileSync(storedSegmentPath(dataDir, s.sha256), 'utf8')) as { files: Record<string, string> }
    return Object.keys(seg.files)
  })
}

function checkDestination(out: string): 'folder' | 'zip' {
  const zip = out.toLowerCase().endsWith('.zip')
  if (existsSync(out) && (zip || readdirSync(out).length > 0)) {
    fail('DESTINATION_EXISTS', `${out} already exists${zip ? '' : ' and is not empty'}; choose a new place for the bundle.`, { field: 'out' })
  }
  return zip ? 'zip' : 'folder'
}

function writeOutput(out: string, format: 'folder' | 'zip', files: Files): number {
  const paths = [...files.keys()].sort()
  let bytes = 0
  if (format === 'zip') {
    const tree: Zippable = {}
    for (const p of paths) {
      const data = files.get(p) ?? new Uint8Array(0)
      tree[p] = [data, { level: p.endsWith('.png') ? 0 : 6, mtime: new Date(Date.UTC(1980, 0, 1)) }]
    }
    const zip = zipSync(tree)
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true })
    writeFileSync(out, zip)
    return zip.length
  }
  const made = new Set<string>()
  for (const p of paths) {
    const data = files.get(p) ?? new Uint8Array(0)
    const file = path.join(out, ...p.split('/'))
    const dir = path.dirname(file)
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true })
      made.add(dir)
    }
    writeFileSync(file, data)
    bytes += data.length
  }
  return bytes
}

export async function exportBundle(station: Station, options: BundleExportOptions): Promise<BundleExportResult> {
  const signer = station.signer
  let T = performance.now(); const tr = (l: string) => { console.error('TRACE', l, Math.round(performance.now() - T)); T = performance.now() }
  const catalog = station.catalog
  const dataDir = station.paths.dataDir
  const full = Boolean(options.full)
  const format = checkDestination(options.out)
  const verifierJs = await verifierScript()
  tr('verifier')
  const merged = readMergedStations(dataDir)
  const snapshot = await collectSiteUnits(station, merged, verifierJs)
  tr('collect')
  const prev = readBundleState(dataDir)
  const prevManifest = prev
    ? (JSON.parse(readFileSync(storedManifestPath(dataDir, prev.seq), 'utf8')) as Manifest)
    : undefined
  tr('prevstate')

  // Render what changed (everything with --full), reuse the recorded hashes of the rest.
  const rendered: Files = new Map()
  const units: Record<string, UnitState> = {}
  const fileMap: FileMap = new Map()
  const total = snapshot.units.length
  let done = 0
  const renderUnit = async (unit: (typeof snapshot.units)[number]): Promise<Record<string, string>> => {
    const files = await unit.render()
    const hashes: Record<string, string> = {}
    for (const [p, bytes] of files) {
      rendered.set(p, bytes)
      hashes[p] = sha256Hex(bytes)
    }
    return hashes
  }
  for (const unit of snapshot.units) {
    const before = prev?.units[unit.key]
    const hashes = !full && before && before.digest === unit.digest ? before.files : await renderUnit(unit)
    units[unit.key] = { digest: unit.digest, files: hashes }
    for (const [p, h] of Object.entries(hashes)) fileMap.set(p, h)
    done++
    if (options.onProgress && (done % 500 === 0 || done === total)) options.onProgress(done, total)
  }
  const prevFiles: FileMap = new Map()
  for (const u of Object.values(prev?.units ?? {})) for (const [p, h] of Object.entries(u.files)) prevFiles.set(p, h)
  const unchanged = prev !== undefined && sameFiles(fileMap, prevFiles)
  tr('render')

  let seq: number
  let manifestBytes: Buffer
  let sitePaths: string[]
  let segmentFiles: Files
  if (unchanged && prev && prevManifest) {
    // The same state: write bundle `seq` again, byte for byte.
    seq = prev.seq
    manifestBytes = readFileSync(storedManifestPath(dataDir, seq))
    const wanted = full ? [...fileMap.keys()] : prev.lastDelta.filter((p) => fileMap.has(p))
    const missing = wanted.filter((p) => !rendered.has(p))
    if (missing.length > 0) {
      const need = new Set(missing)
      for (const unit of snapshot.units) {
        if (Object.keys(units[unit.key]?.files ?? {}).some((p) => need.has(p))) await renderUnit(unit)
      }
    }
    sitePaths = wanted
    const segs = full ? prevManifest.segments.map((s) => s.path) : prev.lastDelta.filter((p) => p.startsWith('kiln-manifests/segments/'))
    segmentFiles = new Map(
      segs.map((p) => [p, readFileSync(storedSegmentPath(dataDir, path.basename(p, '.json')))] as const)
    )
  } else {
    seq = (prev?.seq ?? 0) + 1
    sitePaths = [...fileMap.keys()].filter((p) => full || prevFiles.get(p) !== fileMap.get(p))
    const assignment = assignSegments(fileMap, previousSegments(dataDir, prevManifest))
    const oldSegments = new Set(prevManifest?.segments.map((s) => s.sha256) ?? [])
    const refs: SegmentRef[] = []
    segmentFiles = new Map()
    for (const list of assignment) {
      const bytes = segmentBytes(list, fileMap)
      const sha = sha256Hex(bytes)
      refs.push({ path: segmentPath(sha), sha256: sha, files: list.length })
      if (full || !oldSegments.has(sha)) segmentFiles.set(segmentPath(sha), bytes)
    }
    const statusLists = Object.fromEntries(
      snapshot.statusListPaths.filter((p) => fileMap.has(p)).map((p) => [p, fileMap.get(p) ?? ''] as const)
    )
    const manifest = signManifest(
      {
        format: MANIFEST_FORMAT,
        seq,
        previous: prev?.manifestHash ?? null,
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
  }

  const bundle: Files = new Map()
  tr('manifest')
  for (const p of sitePaths) {
    const bytes = rendered.get(p)
    if (!bytes) fail('INTERNAL', `The bundle file ${p} was not rendered.`)
    bundle.set(p, bytes)
  }
  for (const [p, bytes] of segmentFiles) bundle.set(p, bytes)
  bundle.set(MANIFEST_FILE, manifestBytes)
  bundle.set(`kiln-manifests/${seq}.json`, manifestBytes)
  const bytes = writeOutput(options.out, format, bundle)
  const manifestHash = sha256Hex(manifestBytes)
  tr('write')

  // Record the export only after the bundle is complete.
  if (!unchanged) {
    mkdirSync(path.join(bundlesDir(dataDir), 'manifests'), { recursive: true, mode: 0o700 })
    mkdirSync(path.join(bundlesDir(dataDir), 'segments'), { recursive: true, mode: 0o700 })
    for (const [p, data] of segmentFiles) {
      const file = storedSegmentPath(dataDir, path.basename(p, '.json'))
      if (!existsSync(file)) await writeFileAtomic(file, data)
    }
    await writeFileAtomic(storedManifestPath(dataDir, seq), manifestBytes)
    const state: BundleState = {
      format: 'kiln-bundle-state/1',
      seq,
      manifestHash,
      units,
      lastDelta: [...sitePaths, ...[...segmentFiles.keys()]].sort()
    }
    await writeFileAtomic(statePath(dataDir), JSON.stringify(state))
  }
  tr('state')
  station.journal.append('bundle.exported', { seq, files: bundle.size, manifestHash, full, unchanged, out: path.resolve(options.out) })
  station.bus.emit('data:changed', { domain: 'station' })
  return {
    seq,
    out: path.resolve(options.out),
    format,
    files: bundle.size,
    bytes,
    siteFiles: fileMap.size,
    manifestHash,
    unchanged,
    full,
    heldBack: snapshot.heldBack
  }
}
