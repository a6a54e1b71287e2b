/**
 * Whole-process measurements of the kiln CLI, run the way a user runs it: `node bin/kiln.js …`
 * (never npx). Wall time is taken around the child; peak RSS and CPU time come from the child
 * itself (usage-probe.mjs). Figures are medians over the runs, with the load average around them.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = path.resolve(here, '..', '..')
/** $KILN_BENCH_CHECKOUT: measure another built checkout's CLI (before/after comparisons). */
const kilnBin = (): string =>
  path.join(process.env.KILN_BENCH_CHECKOUT ?? REPO_ROOT, 'bin', 'kiln.js')
const PROBE = path.join(here, 'usage-probe.mjs')

export type CliRun = {
  code: number
  stdout: string
  stderr: string
  wallMs: number
  cpuMs: number
  maxRssMb: number
}

export type CliFigure = {
  /** Median wall time of the runs. */
  wallMs: number
  minWallMs: number
  /** Median CPU time (user + system) of the process. */
  cpuMs: number
  /** Largest peak resident set size of the runs. */
  maxRssMb: number
  runs: number
  /** 1-minute load average before the first and after the last run (2 cores on the bench machine). */
  load: [number, number]
}

export function loadAverage(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 10) / 10
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** One run of `node bin/kiln.js ...args`. */
export function kilnOnce(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const usageFile = path.join(
    os.tmpdir(),
    `kiln-bench-usage-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`
  )
  const start = performance.now()
  const result = spawnSync(process.execPath, ['--import', PROBE, kilnBin(), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production', ...env, KILN_BENCH_USAGE: usageFile }
  })
  const wallMs = performance.now() - start
  let usage = { maxRssKb: 0, userMs: 0, systemMs: 0 }
  try {
    usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as typeof usage
    fs.rmSync(usageFile, { force: true })
  } catch {
    // the process died before its exit handler: no usage figures
  }
  return {
    code: result.status ?? -1,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    wallMs,
    cpuMs: usage.userMs + usage.systemMs,
    maxRssMb: usage.maxRssKb / 1024
  }
}

/**
 * Runs a command `runs` times (after `prepare`, e.g. a fresh copy of a station, which is not
 * timed) and checks each run's exit code.
 */
export function measureCli(
  label: string,
  args: (run: number) => string[],
  options: {
    runs: number
    warmup?: number
    env?: Record<string, string | undefined>
    expectCode?: number
    prepare?: (run: number) => void
  }
): CliFigure & { last: CliRun } {
  const loadBefore = loadAverage()
  const runs: CliRun[] = []
  const total = (options.warmup ?? 0) + options.runs
  for (let i = 0; i < total; i++) {
    options.prepare?.(i)
    const run = kilnOnce(args(i), options.env)
    if (run.code !== (options.expectCode ?? 0)) {
      throw new Error(`${label}: exit ${run.code}\n${run.stderr.slice(0, 2000)}`)
    }
    if (i >= (options.warmup ?? 0)) runs.push(run)
  }
  const last = runs.at(-1)
  if (!last) throw new Error(`${label}: no runs`)
  return {
    wallMs: Math.round(median(runs.map((r) => r.wallMs))),
    minWallMs: Math.round(Math.min(...runs.map((r) => r.wallMs))),
    cpuMs: Math.round(median(runs.map((r) => r.cpuMs))),
    maxRssMb: Math.round(Math.max(...runs.map((r) => r.maxRssMb))),
    runs: runs.length,
    load: [loadBefore, loadAverage()],
    last
  }
}

export function describeFigure(label: string, f: CliFigure): string {
  return `${label}: ${f.wallMs} ms wall (min ${f.minWallMs}), ${f.cpuMs} ms CPU, peak RSS ${f.maxRssMb} MB (${f.runs} runs, load ${f.load[0]}→${f.load[1]})`
}

/** The figure without the last run's output (what the JSON summary records). */
export function figure(f: CliFigure & { last?: CliRun }): CliFigure {
  return {
    wallMs: f.wallMs,
    minWallMs: f.minWallMs,
    cpuMs: f.cpuMs,
    maxRssMb: f.maxRssMb,
    runs: f.runs,
    load: f.load
  }
}
