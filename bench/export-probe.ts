/**
 * A probe for the export's cost (not part of `npm run bench`): builds a 10,000-award station once
 * (cached in $KILN_PROBE_DIR/station), then on a copy: a full export, 100 more awards, an
 * incremental export; wall and CPU of each; `--profile` writes a CPU profile of the exports only.
 *
 *   KILN_PROBE_DIR=/tmp/x node --import tsx bench/export-probe.ts [--profile] [--keep]
 *
 * --keep leaves the run's folders in place: on an ext4 without a journal (this machine's), ext4
 * skips inodes freed in the last one to six minutes when it creates files (recently_deleted), so
 * deleting 40,000 files makes the next runs' file creation several times slower (system time
 * from 0.6 s to 7 s). Remove the kept runs after the measurements.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Session } from 'node:inspector/promises'
import { createCore, type Core } from '../main/core/create-core.js'
import { siteScripts } from '../main/core/site/verifier-bundle.js'
import { BENCH_PASSPHRASE, batchAward, benchStation, call } from './support/station.js'

process.env.KILN_SCRYPT_N ??= '16384'
const root = process.env.KILN_PROBE_DIR ?? '/tmp/kiln-export-probe'
const cached = path.join(root, 'station')
const profile = process.argv.includes('--profile')

async function exportBundle(core: Core, out: string, full = false): Promise<number> {
  const { jobId } = await call(core, 'bundle:export', { out, ...(full ? { full } : {}) })
  const state = await core.station.jobs.wait(jobId)
  if (state.kind !== 'bundle:export' || state.state !== 'done' || !state.result) {
    throw new Error(`bundle export ended ${state.state}: ${state.error?.message ?? ''}`)
  }
  return state.result.files
}

if (!fs.existsSync(cached)) {
  const { core, badgeId } = await benchStation(cached + '.tmp')
  await batchAward(core, badgeId, 10_000, 0)
  await core.close()
  fs.renameSync(cached + '.tmp', cached)
  fs.writeFileSync(path.join(root, 'badge'), badgeId)
}
const badgeId = fs.readFileSync(path.join(root, 'badge'), 'utf8')
const run = fs.mkdtempSync(path.join(root, 'run-'))
try {
  fs.cpSync(cached, path.join(run, 'station'), { recursive: true })
  const core = await createCore({ dataDir: path.join(run, 'station'), host: 'cli' })
  await call(core, 'station:unlock', { passphrase: BENCH_PASSPHRASE })
  await siteScripts()
  core.station.awards.ids()
  const session = new Session()
  if (profile) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 200 })
    await session.post('Profiler.start')
  }
  const measure = async (label: string, f: () => Promise<number>): Promise<void> => {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const files = await f()
    const c = process.cpuUsage(c0)
    console.log(
      `${label}: ${files} files, ${Math.round(performance.now() - t0)} ms wall, ` +
        `${Math.round((c.user + c.system) / 1000)} ms CPU (${Math.round(c.user / 1000)} user ${Math.round(c.system / 1000)} sys)`
    )
  }
  await measure('full', () => exportBundle(core, path.join(run, 'full')))
  if (profile) {
    const { profile: p } = await session.post('Profiler.stop')
    fs.writeFileSync(path.join(root, `full-${Date.now()}.cpuprofile`), JSON.stringify(p))
  }
  await batchAward(core, badgeId, 100, 10_000)
  if (profile) await session.post('Profiler.start')
  await measure('incremental 100', () => exportBundle(core, path.join(run, 'incr')))
  if (profile) {
    const { profile: p } = await session.post('Profiler.stop')
    fs.writeFileSync(path.join(root, `incr-${Date.now()}.cpuprofile`), JSON.stringify(p))
  }
  await core.close()
} finally {
  if (!process.argv.includes('--keep')) fs.rmSync(run, { recursive: true, force: true })
}
