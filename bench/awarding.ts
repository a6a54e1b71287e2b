/**
 * Awarding at scale (issue 5 targets, 2-core machine):
 *  - a 10,000-row batch (test/vendor/fixtures/attendees-10k.csv) from accepted preview to all durable ≤ 5 s;
 *  - single-award latency p50/p95 at 100 and at 50,000 awards (p95 ≤ 30 ms, ≤ 1.5× the 100 figure);
 *  - opening a station with 50,000 awards ≤ 1.5 s and ≤ 400 MB resident (measured in a fresh process).
 *
 *   node --import tsx bench/awarding.ts
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createCore, type Core } from '../main/core/create-core.js'
import { BENCH_PASSPHRASE, benchStation, call, csvOf } from './support/station.js'

export type AwardingBenchResult = {
  batch10kMs: number
  /** CPU time of this process for the 10k batch (wall time suffers when other work shares the cores). */
  batch10kCpuMs: number
  batch10kPreviewMs: number
  singleAt100: { p50: number; p95: number }
  singleAt50k: { p50: number; p95: number }
  openAt50kMs: number
  openAt50kCpuMs: number
  openAt50kRssMb: number
  /** 1-minute load average when the bench ended (2 cores: above 2 means the figures include waiting). */
  loadAverage: number
  awards: number
  journalMb: number
}

const here = path.dirname(fileURLToPath(import.meta.url))
const FIXTURE = path.resolve(here, '../test/vendor/fixtures/attendees-10k.csv')

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

async function singles(
  core: Core,
  badgeId: string,
  count: number,
  tag: string
): Promise<{ p50: number; p95: number }> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await call(core, 'awards:issue', {
      badgeId,
      email: `single.${tag}.${i}@example.net`,
      name: `Single ${tag} ${i}`
    })
    times.push(performance.now() - start)
  }
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) }
}

async function batch(
  core: Core,
  badgeId: string,
  csv: Buffer
): Promise<{ previewMs: number; runMs: number; cpuMs: number; issued: number }> {
  const t0 = performance.now()
  const preview = await call(core, 'awards:batchPreview', {
    badgeId,
    source: { csvBase64: csv.toString('base64') }
  })
  const t1 = performance.now()
  const cpu0 = process.cpuUsage()
  const { jobId } = await call(core, 'awards:batchStart', { previewId: preview.previewId })
  const state = await core.station.jobs.wait(jobId)
  const t2 = performance.now()
  const cpu = process.cpuUsage(cpu0)
  if (state.kind !== 'awards:batch' || state.state !== 'done') {
    throw new Error(`batch ended ${state.state}: ${state.error?.message ?? ''}`)
  }
  return {
    previewMs: t1 - t0,
    runMs: t2 - t1,
    cpuMs: (cpu.user + cpu.system) / 1000,
    issued: state.result?.issued.length ?? 0
  }
}

async function reopen(core: Core, dir: string): Promise<Core> {
  await core.close()
  const next = await createCore({ dataDir: dir, host: 'cli' })
  await call(next, 'station:unlock', { passphrase: BENCH_PASSPHRASE })
  return next
}

/** Opens the station in a fresh process and reports time and resident memory. */
function measureOpen(dataDir: string): { ms: number; cpuMs: number; rssMb: number } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--open', dataDir],
    {
      encoding: 'utf8',
      env: { ...process.env, KILN_PASSPHRASE: undefined }
    }
  )
  const line = result.stdout.trim().split('\n').at(-1) ?? ''
  if (result.status !== 0 || !line.startsWith('{')) {
    throw new Error(`open child failed: ${result.stderr}`)
  }
  return JSON.parse(line) as { ms: number; cpuMs: number; rssMb: number }
}

export async function runAwardingBench(
  log: (line: string) => void = console.log
): Promise<AwardingBenchResult> {
  process.env.KILN_SCRYPT_N ??= '16384'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-awarding-'))
  try {
    const station = await benchStation(dir)
    let core = station.core
    const badgeId = station.badgeId

    await batch(core, badgeId, Buffer.from(csvOf(100, 1_000_000)))
    // Latency is measured the way a desk sees it: a station freshly opened at that size.
    core = await reopen(core, dir)
    await singles(core, badgeId, 30, 'warm')
    const singleAt100 = await singles(core, badgeId, 200, 'a')
    log(
      `single award at ~${core.station.awards.size} awards: p50 ${singleAt100.p50} ms, p95 ${singleAt100.p95} ms`
    )

    const tenK = await batch(core, badgeId, fs.readFileSync(FIXTURE))
    log(
      `10k batch: preview ${Math.round(tenK.previewMs)} ms; accepted → all durable ${Math.round(tenK.runMs)} ms (${tenK.issued} issued; ${Math.round(tenK.cpuMs)} ms CPU)`
    )

    while (core.station.awards.size < 50_000) {
      const need = Math.min(10_000, 50_000 - core.station.awards.size)
      await batch(core, badgeId, Buffer.from(csvOf(need, core.station.awards.size)))
    }
    core = await reopen(core, dir)
    await singles(core, badgeId, 30, 'warm2')
    const singleAt50k = await singles(core, badgeId, 200, 'b')
    log(
      `single award at ~${core.station.awards.size} awards: p50 ${singleAt50k.p50} ms, p95 ${singleAt50k.p95} ms`
    )
    const awards = core.station.awards.size
    await core.close()
    const journalMb = fs.statSync(path.join(dir, 'journal.ndjson')).size / 1e6

    const open = measureOpen(dir)
    log(
      `open at ${awards} awards (journal ${journalMb.toFixed(0)} MB): ${open.ms} ms (${open.cpuMs} ms CPU), RSS ${open.rssMb} MB`
    )
    core = await createCore({ dataDir: dir, host: 'cli' })
    if (core.station.awards.size !== awards) throw new Error('reopened station lost awards')
    await core.close()
    return {
      batch10kMs: Math.round(tenK.runMs),
      batch10kCpuMs: Math.round(tenK.cpuMs),
      batch10kPreviewMs: Math.round(tenK.previewMs),
      singleAt100,
      singleAt50k,
      openAt50kMs: open.ms,
      openAt50kCpuMs: open.cpuMs,
      openAt50kRssMb: open.rssMb,
      loadAverage: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
      awards,
      journalMb: Math.round(journalMb)
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function openOnly(dataDir: string): Promise<void> {
  const start = performance.now()
  const cpu0 = process.cpuUsage()
  const core = await createCore({ dataDir, host: 'cli' })
  const ms = Math.round(performance.now() - start)
  const cpu = process.cpuUsage(cpu0)
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000)
  const status = core.station.status()
  const rssMb = Math.round(process.memoryUsage().rss / 1e6)
  await core.close()
  process.stdout.write(JSON.stringify({ ms, cpuMs, rssMb, awards: status.counts.awards }) + '\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--open')
  if (at >= 0 && process.argv[at + 1]) await openOnly(process.argv[at + 1] as string)
  else console.log(JSON.stringify(await runAwardingBench(), null, 2))
}
