/**
 * Sync bundle export (issue 7 targets, 2-core machine):
 *  - full export of a site with 10,000 credentials ≤ 15 s;
 *  - incremental export of 100 new awards on top of 10,000 ≤ 1 s, its size proportional to the 100.
 * The station is built through the batch-award path (awards:batchPreview + awards:batchStart).
 * `bundle verify` of the full site is timed too (every credential verified), as information.
 *
 *   node --import tsx bench/bundle.ts
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { BundleExportSummary } from '../shared/methods/bundle.js'
import { createCore, type Core } from '../main/core/create-core.js'
import type { MethodInput, MethodName, MethodResults } from '../shared/contract.js'
import { verifierScript } from '../main/core/site/verifier-bundle.js'

export type BundleBenchResult = {
  full10kMs: number
  /** The longest the event loop waited during the full export (the job yields every ~15 ms). */
  full10kMaxLoopDelayMs: number
  full10kFiles: number
  full10kMb: number
  incremental100Ms: number
  incremental100Files: number
  incremental100Kb: number
  incrementalKbPerAward: number
  fullKbPerAward: number
  verify10kMs: number
}

async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const result = await core.dispatch(method, input, { host: 'cli' })
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
  return result.value as MethodResults[M]
}

function csvOf(rows: number, offset: number): string {
  const lines = ['name,email']
  for (let i = 0; i < rows; i++) lines.push(`Person ${offset + i},person.${offset + i}@example.com`)
  return lines.join('\n') + '\n'
}

/** Starts a bundle export and waits for its result (the CLI does the same). */
async function exportBundle(core: Core, out: string): Promise<BundleExportSummary> {
  const { jobId } = await call(core, 'bundle:export', { out })
  const state = await core.station.jobs.wait(jobId)
  if (state.kind !== 'bundle:export' || state.state !== 'done' || !state.result) {
    throw new Error(`bundle export ended ${state.state}: ${state.error?.message ?? ''}`)
  }
  return state.result
}

async function batch(core: Core, badgeId: string, rows: number, offset: number): Promise<void> {
  const csv = Buffer.from(csvOf(rows, offset))
  const preview = await call(core, 'awards:batchPreview', {
    badgeId,
    source: { csvBase64: csv.toString('base64') }
  })
  const { jobId } = await call(core, 'awards:batchStart', { previewId: preview.previewId })
  const state = await core.station.jobs.wait(jobId)
  if (state.state !== 'done') throw new Error(`batch ended ${state.state}`)
}

export async function runBundleBench(
  log: (line: string) => void = console.log
): Promise<BundleBenchResult> {
  process.env.KILN_SCRYPT_N ??= '16384'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-bundle-'))
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-bundle-out-'))
  try {
    const core = await createCore({ dataDir: dir, host: 'cli' })
    await call(core, 'station:init', {
      issuerName: 'Bench Association',
      issuerUrl: 'https://bench.example.org/',
      siteUrl: 'https://badges.bench.example.org/',
      passphrase: 'bench passphrase 1'
    })
    const badge = await call(core, 'badges:create', {
      name: 'Bench Attendance',
      description: 'Attended the bench conference.',
      criteriaNarrative: 'Attend at least one session.'
    })
    await call(core, 'badges:publish', { id: badge.id })
    await batch(core, badge.id, 10_000, 0)
    await verifierScript() // built once per process (or read prebuilt); not part of an export's cost
    log(`station with ${core.station.awards.size} awards ready`)

    let t = performance.now()
    const delay = monitorEventLoopDelay({ resolution: 1 })
    delay.enable()
    const full = await exportBundle(core, path.join(out, 'full'))
    delay.disable()
    const fullMs = performance.now() - t
    log(`full export: longest event-loop delay ${Math.round(delay.max / 1e6)} ms`)
    log(
      `full export: ${full.files} files, ${(full.bytes / 1e6).toFixed(1)} MB in ${Math.round(fullMs)} ms`
    )

    await batch(core, badge.id, 100, 10_000)
    t = performance.now()
    const incr = await exportBundle(core, path.join(out, 'incr'))
    const incrMs = performance.now() - t
    log(
      `incremental export of 100 new awards over 10,000: ${incr.files} files, ${(incr.bytes / 1e3).toFixed(0)} kB in ${Math.round(incrMs)} ms`
    )

    const site = path.join(out, 'full')
    fs.cpSync(path.join(out, 'incr'), site, { recursive: true })
    t = performance.now()
    const verify = await call(core, 'bundle:verify', { dir: site })
    const verifyMs = performance.now() - t
    log(
      `bundle verify of the site (${verify.credentials.checked} credentials): ${Math.round(verifyMs)} ms, ok=${verify.ok}`
    )
    if (!verify.ok || verify.credentials.valid !== 10_100) {
      throw new Error(`the exported site does not verify: ${verify.problems.join('; ')}`)
    }
    await core.close()
    return {
      full10kMs: Math.round(fullMs),
      full10kMaxLoopDelayMs: Math.round(delay.max / 1e6),
      full10kFiles: full.files,
      full10kMb: Math.round(full.bytes / 1e5) / 10,
      incremental100Ms: Math.round(incrMs),
      incremental100Files: incr.files,
      incremental100Kb: Math.round(incr.bytes / 1e3),
      incrementalKbPerAward: Math.round(incr.bytes / 100 / 100) / 10,
      fullKbPerAward: Math.round(full.bytes / 10_000 / 100) / 10,
      verify10kMs: Math.round(verifyMs)
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(out, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runBundleBench(), null, 2))
}
