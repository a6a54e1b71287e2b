/**
 * The core off the UI thread (issue 15 item 5; target: every call within 100 ms): a
 * 10,000-award bundle export runs in `kiln serve` while "the UI" calls `station:status`
 * every 50 ms, through the real HTTP host. Measured twice on the same station:
 *  - worker: `bin/kiln.js serve` as shipped (the core in a worker thread behind the relay);
 *  - in-process: the same web host with the core in the host's own thread (the old layout).
 * The client runs here, in another process than the host, as a browser would. Alongside, it
 * asks `/api/health` every 50 ms: the host thread answers that without the core, which shows
 * whether the host itself (Electron's main process, in the app) stays free. Each layout gets
 * its own copy of the same station, so both exports start from the same state.
 *
 *   node --import tsx bench/host-latency.ts
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { BENCH_PASSPHRASE, batchAward, benchStation } from './support/station.js'

const AWARDS = 10_000
const POLL_MS = 50
const TARGET_MS = 100

export type LatencyFigures = {
  calls: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  over100Ms: number
  /** Status calls that ended in a connection error (their wait is in the latencies). */
  failed: number
  exportMs: number
}

export type PollFigures = {
  calls: number
  p50Ms: number
  maxMs: number
  over100Ms: number
  /** Calls whose connection was reset (a host thread that was blocked drops keep-alive sockets late). */
  failed: number
}

export type HostLatencyResult = {
  awards: number
  worker: LatencyFigures & { health: PollFigures }
  inProcess: LatencyFigures & { health: PollFigures }
}

async function buildStation(dir: string): Promise<void> {
  const { core, badgeId } = await benchStation(dir)
  await batchAward(core, badgeId, AWARDS, 0)
  await core.close()
}

type Host = { origin: string; token: string; child: ChildProcess }

function startHost(command: string[], dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, command, {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, KILN_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)/.exec(out)
      if (match?.[1] && match[2]) resolve({ origin: match[1], token: match[2], child })
    })
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before its URL`)))
  })
}

async function stopHost(host: Host): Promise<void> {
  if (host.child.exitCode !== null) return
  const exited = new Promise((resolve) => host.child.once('exit', resolve))
  host.child.kill('SIGTERM')
  await exited
}

async function post(host: Host, method: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${host.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input)
  })
  const body = (await response.json()) as { ok: boolean; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body
}

const startedJob = z.object({ value: z.object({ jobId: z.string() }) })
const jobState = z.object({ value: z.object({ state: z.string() }) })

/** Starts a long job through the host and resolves when jobs:get says it has ended. */
async function runJob(host: Host, method: string, input: unknown): Promise<string> {
  const { jobId } = startedJob.parse(await post(host, method, input)).value
  for (;;) {
    const { state } = jobState.parse(await post(host, 'jobs:get', { jobId })).value
    if (state !== 'running') return state
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function health(host: Host): Promise<void> {
  const response = await fetch(`${host.origin}/api/health`, {
    headers: { Authorization: `Bearer ${host.token}` }
  })
  if (!response.ok) throw new Error(`health: HTTP ${response.status}`)
  await response.arrayBuffer()
}

/** Calls `probe` every 50 ms while `running()`; each call's time, and how many failed. */
async function poll(
  probe: () => Promise<unknown>,
  running: () => boolean
): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = []
  let failed = 0
  while (running()) {
    const t = performance.now()
    try {
      await probe()
    } catch {
      // The UI waited this long for an error instead of an answer: it counts as a wait too.
      failed++
    }
    latencies.push(performance.now() - t)
    const wait = POLL_MS - (performance.now() - t)
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  }
  return { latencies, failed }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

async function measure(host: Host, out: string): Promise<LatencyFigures & { health: PollFigures }> {
  await post(host, 'station:unlock', { passphrase: BENCH_PASSPHRASE })
  await post(host, 'station:status', {}) // warm
  const latencies: number[] = []
  let exporting = true
  const started = performance.now()
  // The export is a job: bundle:export answers its id at once; it has ended when jobs:get says so.
  const exported = runJob(host, 'bundle:export', { out, full: true }).finally(() => {
    exporting = false
  })
  const healthPolls = poll(
    () => health(host),
    () => exporting
  )
  // One status call every 50 ms (the next starts 50 ms after the previous one started, or at
  // once if that one took longer, as a UI poller with one request in flight would).
  let failed = 0
  while (exporting) {
    const t = performance.now()
    try {
      await post(host, 'station:status', {})
    } catch {
      // The UI waited this long for an error instead of an answer: it counts as a wait too.
      failed++
    }
    latencies.push(performance.now() - t)
    const wait = POLL_MS - (performance.now() - t)
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  }
  const ended = await exported
  if (ended !== 'done') throw new Error(`the bundle export ended ${ended}`)
  const exportMs = performance.now() - started
  const sorted = [...latencies].sort((a, b) => a - b)
  const healthRun = await healthPolls
  const healthSorted = healthRun.latencies.sort((a, b) => a - b)
  return {
    health: {
      calls: healthSorted.length,
      p50Ms: Math.round(percentile(healthSorted, 50)),
      maxMs: Math.round(healthSorted.at(-1) ?? 0),
      over100Ms: healthSorted.filter((ms) => ms > TARGET_MS).length,
      failed: healthRun.failed
    },
    calls: latencies.length,
    p50Ms: Math.round(percentile(sorted, 50)),
    p95Ms: Math.round(percentile(sorted, 95)),
    p99Ms: Math.round(percentile(sorted, 99)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
    over100Ms: latencies.filter((ms) => ms > TARGET_MS).length,
    failed,
    exportMs: Math.round(exportMs)
  }
}

/** Starts a host with `command` on `dataDir`, measures it while it exports to `out`, stops it. */
async function measureHost(
  command: string[],
  dataDir: string,
  out: string
): Promise<LatencyFigures & { health: PollFigures }> {
  const host = await startHost(command, dataDir)
  try {
    return await measure(host, out)
  } finally {
    await stopHost(host)
  }
}

function describe(name: string, f: LatencyFigures & { health: PollFigures }): string {
  return (
    `${name}: ${f.calls} station:status calls during a ${f.exportMs} ms export; ` +
    `p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms, ` +
    `${f.over100Ms} over ${TARGET_MS} ms, ${f.failed} failed; ` +
    `/api/health (host thread): ${f.health.calls} calls, p50 ${f.health.p50Ms} ms, ` +
    `max ${f.health.maxMs} ms, ${f.health.over100Ms} over ${TARGET_MS} ms`
  )
}

export async function runHostLatencyBench(
  log: (line: string) => void = console.log
): Promise<HostLatencyResult> {
  process.env.KILN_SCRYPT_N ??= '16384'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-host-'))
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-host-out-'))
  try {
    await buildStation(dir)
    const copy = `${dir}-copy`
    fs.cpSync(dir, copy, { recursive: true })
    log(`station with ${AWARDS} awards ready`)
    const workerFigures = await measureHost(
      ['bin/kiln.js', 'serve', '--no-open', '--port', '0'],
      dir,
      path.join(out, 'worker')
    )
    log(describe('kiln serve (core in a worker thread)', workerFigures))
    const inProcessFigures = await measureHost(
      ['--import', 'tsx', 'bench/support/serve-in-process.ts', copy],
      copy,
      path.join(out, 'in-process')
    )
    log(describe('same host, core in its thread (before)', inProcessFigures))
    return { awards: AWARDS, worker: workerFigures, inProcess: inProcessFigures }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(`${dir}-copy`, { recursive: true, force: true })
    fs.rmSync(out, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runHostLatencyBench(), null, 2))
}
