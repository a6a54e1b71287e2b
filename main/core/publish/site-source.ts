/**
 * The site to publish: the station exports its bundle as usual (bundle/export-bundle.ts: only
 * the units that changed are rendered, the manifest chain moves on), and this module turns the
 * station's own record of the full site (bundles/state.json: every plain site path with its
 * SHA-256; the stored manifests and segments) into the map of what the target must hold, and
 * finds the bytes of each file: in the fresh incremental bundle, or in the data dir for the
 * manifests and segments. When the target is behind by more than that bundle (a new target,
 * bundles exported by hand in between), the site is exported again in full for this publish.
 *
 * ONE function reads the bundle record (siteRecord), so a change of its format is one place.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { Station } from '../station/station.js'
import { fail } from '../failure.js'
import {
  bundlesDir,
  exportBundle,
  readBundleState,
  storedManifestPath,
  type ExportControl
} from '../bundle/export-bundle.js'
import { logger } from '../logger.js'
import { publishDir, type TargetFiles } from './publish-record.js'
import { MANIFEST_PATH, MANIFESTS_DIR, assertSitePath } from './site-paths.js'

export const sha256Hex = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex')

type SiteRecord = Readonly<{
  seq: number
  manifestHash: string
  /** Every site file (plain paths) with its SHA-256, without the manifests. */
  files: ReadonlyMap<string, string>
  segments: readonly string[]
}>

/** The station's record of the site it last exported. */
function siteRecord(dataDir: string): SiteRecord {
  const state = readBundleState(dataDir)
  if (!state) fail('INTERNAL', 'The bundle export left no record of the site.')
  const files = new Map<string, string>()
  for (const unit of Object.values(state.units)) {
    for (const [p, h] of Object.entries(unit.files)) files.set(p, h)
  }
  return {
    seq: state.seq,
    manifestHash: state.manifestHash,
    files,
    segments: state.segments.map((s) => s.sha256)
  }
}

function storedManifests(dataDir: string): number[] {
  const dir = path.join(bundlesDir(dataDir), 'manifests')
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^\d+\.json$/.test(f))
        .map((f) => Number(f.slice(0, -5)))
    : []
}

export type PreparedSite = Readonly<{
  seq: number
  manifestHash: string
  manifest: Buffer
  /** What the target must hold: every site path with its SHA-256. */
  files: TargetFiles
  /**
   * The bytes of a site path (checked against its SHA-256). Read synchronously: the files were
   * just written and are in the page cache, where one readFileSync costs a quarter of the
   * CPU of fs/promises' four round trips through libuv's threads.
   */
  bytes(p: string): Buffer
  /** The file of `p` has been uploaded: its staged copy is removed now (in the background). */
  release(p: string): void
  /** Removes the staging folders (in the background; the promise says when it is done). */
  dispose(): Promise<void>
}>

/** Staging folders of publishes that were killed are removed before a new one. */
function stagingRoot(dataDir: string): string {
  return path.join(publishDir(dataDir), 'staging')
}

/**
 * Removes what earlier publishes left in the staging folder (killed ones, or the background
 * removal of the last one still going), in the background: the new publish stages into a
 * folder of its own.
 */
export function clearStaging(dataDir: string): void {
  const root = stagingRoot(dataDir)
  if (!existsSync(root)) return
  for (const name of readdirSync(root)) {
    fsp
      .rm(path.join(root, name), { recursive: true, force: true })
      .catch((error: unknown) =>
        logger.warn('removing an old publish staging folder failed', error)
      )
  }
}

/**
 * Exports the site and maps it. `known` is what the target holds: when a file it lacks is not
 * in the incremental bundle, the site is exported in full into a second staging folder.
 */
export async function prepareSite(
  station: Station,
  known: TargetFiles,
  control: ExportControl
): Promise<PreparedSite> {
  const dataDir = station.paths.dataDir
  const staging = (): string => {
    const dir = path.join(stagingRoot(dataDir), randomBytes(6).toString('hex'))
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    return dir
  }
  const dirs: string[] = []
  const dispose = async (): Promise<void> => {
    await Promise.all(dirs.map((d) => fsp.rm(d, { recursive: true, force: true })))
  }
  try {
    let source = staging()
    dirs.push(source)
    const exported = await exportBundle(station, { out: source, format: 'folder', control })
    const record = siteRecord(dataDir)
    const files: TargetFiles = new Map(record.files)
    for (const sha of record.segments) files.set(`${MANIFESTS_DIR}segments/${sha}.json`, sha)
    for (const seq of storedManifests(dataDir)) {
      const p = `${MANIFESTS_DIR}${seq}.json`
      files.set(p, known.get(p) ?? sha256Hex(readFileSync(storedManifestPath(dataDir, seq))))
    }
    files.set(MANIFEST_PATH, exported.manifestHash)
    const manifest = readFileSync(storedManifestPath(dataDir, exported.seq))

    const fromData = (p: string): string | undefined => {
      if (p === MANIFEST_PATH) return storedManifestPath(dataDir, exported.seq)
      if (p.startsWith(`${MANIFESTS_DIR}segments/`)) {
        return path.join(
          bundlesDir(dataDir),
          'segments',
          p.slice(`${MANIFESTS_DIR}segments/`.length)
        )
      }
      const numbered = /^kiln-manifests\/(\d+)\.json$/.exec(p)
      return numbered ? storedManifestPath(dataDir, Number(numbered[1])) : undefined
    }
    const inSource = (p: string): string => path.join(source, ...assertSitePath(p).split('/'))
    const lacking = [...files].some(
      ([p, h]) => known.get(p) !== h && fromData(p) === undefined && !existsSync(inSource(p))
    )
    if (lacking) {
      source = staging()
      dirs.push(source)
      await exportBundle(station, { out: source, format: 'folder', full: true, control })
      const again = siteRecord(dataDir)
      if (again.manifestHash !== exported.manifestHash) {
        fail('CONFLICT', 'The site changed while it was being prepared; publish again.')
      }
    }
    return {
      seq: exported.seq,
      manifestHash: exported.manifestHash,
      manifest,
      files,
      bytes(p) {
        const data = readFileSync(fromData(p) ?? inSource(p))
        const expected = files.get(p)
        if (expected !== undefined && sha256Hex(data) !== expected) {
          fail('INTERNAL', `${p} does not match the site's record; export the bundle with --full.`)
        }
        return data
      },
      release(p) {
        // Deleting the staged copies as the upload goes spreads the cost of removing a whole
        // site's files over the upload (on libuv's threads), instead of one long stop after it.
        if (fromData(p) === undefined) fsp.unlink(inSource(p)).catch(() => undefined)
      },
      dispose
    }
  } catch (error) {
    await dispose()
    throw error
  }
}
