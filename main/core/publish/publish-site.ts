/**
 * Publishing the badge site to a target: incremental, resumable, verified.
 *
 * 1. Connect (an SFTP host key or FTPS certificate is pinned on first use, checked after).
 * 2. Read the target's kiln-manifest.json: an empty target or this station's own manifest
 *    chain is fine; anything else is refused (TARGET_FOREIGN) and nothing is written.
 * 3. Export the site (only what changed is rendered) and diff it against what the target
 *    holds: the station's record of its last publish there, plus the log of an interrupted
 *    one. The target's manifest is the check: if it is not the one the record names, the
 *    record is not trusted and every file is uploaded again.
 * 4. Upload what differs in phases that never leave a dangling link (site-paths.ts), the
 *    manifest last, each confirmed upload logged durably; then delete what the site no longer
 *    has (only paths this station published there, never the manifest chain).
 * 5. Read the manifest and its segments back and check them; only then record the publish.
 *
 * It runs as a 'publish:site' job (publish-service.ts): every change of the station it makes (a
 * pinned server identity, the bundle's record, the publish record and `site.published`) takes the
 * station's mutation queue through the job's control; uploads and reads do not.
 */
import type { PublishSummary } from '../../../shared/methods/publish.js'
import type { Station } from '../station/station.js'
import { fail, KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { contentHeadersFor } from './content-types.js'
import { judgeManifest, type Holding } from './ownership.js'
import { runPool } from './pool.js'
import { PublishLog, readLog, readRecord, writeRecord, type TargetFiles } from './publish-record.js'
import { clearStaging, prepareSite, sha256Hex } from './site-source.js'
import {
  isManifestHistory,
  MANIFEST_PATH,
  MANIFESTS_DIR,
  PHASES,
  publishPhase
} from './site-paths.js'
import { openTargetSecret, pinTarget, type PublishTarget } from './target-store.js'
import { openTransport } from './transports/open-transport.js'
import type { SeenIdentity, Transport } from './transports/transport.js'

export type PublishPhase = 'preparing' | 'uploading' | 'deleting' | 'verifying'

/** Runs a change of the station in its mutation queue (a job's `control.mutate`, or `queue.run`). */
export type Commit = <T>(fn: () => Promise<T> | T) => Promise<T>

/** What publishing needs of the job it runs in. */
export type PublishControl = Readonly<{
  signal: AbortSignal
  cancelled(): boolean
  mutate: Commit
  yieldIfDue(): Promise<void>
  progress(phase: PublishPhase, done: number, total: number): void
}>

export type PublishOptions = Readonly<{ full?: boolean; control: PublishControl }>

/**
 * Connects to a target, pinning its identity on first use (saved in station.json through
 * `commit`: the station's mutation queue).
 */
export async function connectTarget(
  station: Station,
  target: PublishTarget,
  commit: Commit
): Promise<{ transport: Transport; identity?: SeenIdentity }> {
  const secret = openTargetSecret(station, target)
  const opened = await openTransport(target, secret)
  const pin = opened.identity?.new ? opened.identity.pin : undefined
  if (pin) {
    try {
      await commit(() => pinTarget(station, target.name, pin))
    } catch (error) {
      // An open connection would keep the process (the CLI) waiting on the server.
      await opened.transport.close().catch(() => undefined)
      throw error
    }
  }
  return opened
}

/** What the target holds, judged by its manifest (and, without one, whether it is empty). */
export async function holdingOf(
  station: Station,
  transport: Transport,
  publishedBefore: boolean
): Promise<Holding> {
  const bytes = await transport.read(MANIFEST_PATH)
  if (bytes !== undefined) return judgeManifest(station, bytes)
  if (publishedBefore || (await transport.isEmpty())) return { holds: 'empty' }
  return {
    holds: 'foreign',
    message: 'It holds files but no Kiln site (no kiln-manifest.json).'
  }
}

function refuseForeign(target: PublishTarget, message: string): never {
  fail(
    'TARGET_FOREIGN',
    `Kiln will not publish to "${target.name}": ${message} Nothing was changed there. Choose an empty folder or bucket (or another prefix) for this station's site.`,
    { field: 'target' }
  )
}

export async function publishSite(
  station: Station,
  target: PublishTarget,
  options: PublishOptions
): Promise<PublishSummary> {
  station.requireInitialized()
  const dataDir = station.paths.dataDir
  const { control } = options
  const progress = control.progress
  progress('preparing', 0, 1)
  const opened = await connectTarget(station, target, control.mutate)
  const transport = opened.transport
  let log: PublishLog | undefined
  let prepared: Awaited<ReturnType<typeof prepareSite>> | undefined
  try {
    const record = readRecord(dataDir, target.name)
    const onTarget: TargetFiles = new Map(Object.entries(record?.files ?? {}))
    const resumedOps = readLog(dataDir, target.name, onTarget)
    const resumed = resumedOps > 0
    const holding = await holdingOf(station, transport, record !== undefined || resumed)
    if (holding.holds === 'foreign') refuseForeign(target, holding.message)
    // The target's manifest is the check of the record: another manifest there (a bundle
    // copied by hand, a lost record) means the record cannot say what the target holds.
    const trusted =
      !options.full &&
      (resumed ||
        (record !== undefined &&
          holding.holds === 'this-station' &&
          holding.manifestHash === record.manifestHash))
    const known: TargetFiles = trusted ? onTarget : new Map()

    const awardsBefore = station.awards.ids()
    clearStaging(dataDir)
    prepared = await prepareSite(station, known, {
      cancelled: control.cancelled,
      mutate: control.mutate,
      yieldIfDue: control.yieldIfDue,
      progress: (done, total) => progress('preparing', done, total)
    })
    const site = prepared
    const uploads = [...site.files]
      .filter(([p, h]) => known.get(p) !== h)
      .map(([p]) => p)
      .sort((a, b) => publishPhase(a) - publishPhase(b) || (a < b ? -1 : a > b ? 1 : 0))
    const deletions = [...onTarget.keys()]
      .filter((p) => !site.files.has(p) && !isManifestHistory(p))
      .sort()
    const total = uploads.length + deletions.length
    let done = 0
    let bytes = 0
    log = new PublishLog(dataDir, target.name)
    const opLog = log

    progress('uploading', 0, total)
    for (let phase = 0; phase < PHASES; phase++) {
      const batch = uploads.filter((p) => publishPhase(p) === phase)
      await runPool(
        batch,
        transport.concurrency,
        async (p) => {
          const data = site.bytes(p)
          const sha256 = site.files.get(p) ?? sha256Hex(data)
          await transport.put(p, data, contentHeadersFor(p), sha256)
          opLog.put(p, sha256)
          site.release(p)
          bytes += data.length
          progress('uploading', ++done, total)
        },
        control.signal
      )
    }
    progress('deleting', done, total)
    await runPool(
      deletions,
      transport.concurrency,
      async (p) => {
        await transport.remove(p)
        opLog.del(p)
        progress('deleting', ++done, total)
      },
      control.signal
    )

    progress('verifying', done, total)
    try {
      await verifyTarget(transport, site.manifest, site.files)
    } catch (error) {
      // The next publish uploads the manifest and its segments again.
      for (const p of site.files.keys()) {
        if (p === MANIFEST_PATH || p.startsWith(`${MANIFESTS_DIR}segments/`)) opLog.del(p)
      }
      throw error
    }
    const revoked = awardsBefore.filter((id) => station.awards.isRevoked(id))
    const publishedRecord = {
      format: 'kiln-publish-record/1' as const,
      seq: site.seq,
      manifestHash: site.manifestHash,
      publishedAt: new Date().toISOString(),
      files: Object.fromEntries(site.files),
      awards: [...awardsBefore],
      revoked
    }
    const summary: PublishSummary = {
      target: target.name,
      uploaded: uploads.length,
      deleted: deletions.length,
      unchanged: site.files.size - uploads.length,
      bytes,
      manifestHash: site.manifestHash,
      verified: true,
      seq: site.seq,
      resumed,
      ...(opened.identity?.new ? { pinned: opened.identity.pin.fingerprint } : {})
    }
    // The record and the journal entry, as one change of the station.
    await control.mutate(async () => {
      await writeRecord(dataDir, target.name, publishedRecord)
      station.journal.append({
        type: 'site.published',
        data: {
          target: target.name,
          kind: target.kind,
          seq: summary.seq,
          manifestHash: summary.manifestHash,
          uploaded: summary.uploaded,
          deleted: summary.deleted,
          unchanged: summary.unchanged,
          bytes: summary.bytes,
          verified: true,
          resumed
        }
      })
    })
    opLog.discard()
    log = undefined
    station.bus.emit('data:changed', { domain: 'bundles' })
    return summary
  } finally {
    log?.close()
    // The staging folders go in the background: the publish is done once it is recorded.
    prepared
      ?.dispose()
      .catch((error: unknown) => logger.warn('removing the publish staging folder failed', error))
    await transport.close().catch((error: unknown) => logger.warn('closing a target failed', error))
  }
}

/**
 * The manifest read back must be the bytes uploaded, and every segment it lists must be there
 * with its hash: then the target's file list is the one the station signed.
 */
async function verifyTarget(
  transport: Transport,
  manifest: Buffer,
  files: TargetFiles
): Promise<void> {
  const back = await transport.read(MANIFEST_PATH)
  if (!back || !back.equals(manifest)) {
    throw new KilnFailure(
      'PUBLISH_UNVERIFIED',
      'The kiln-manifest.json read back from the target is not the one uploaded (a cache, or another publisher?).'
    )
  }
  const segments = [...files].filter(([p]) => p.startsWith(`${MANIFESTS_DIR}segments/`))
  const bad: string[] = []
  await runPool(segments, transport.concurrency, async ([p, h]) => {
    const data = await transport.read(p)
    if (!data || sha256Hex(data) !== h) bad.push(p)
  })
  if (bad.length > 0) {
    throw new KilnFailure(
      'PUBLISH_UNVERIFIED',
      `${bad.length} manifest segments read back from the target differ from the ones uploaded (first: ${bad[0]}).`
    )
  }
}
