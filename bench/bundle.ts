/**
 * Sync bundle export (issue 7 and issue 12 targets, 2-core machine):
 *  - full export of a site with 10,000 credentials ≤ 3 s (issue 12; issue 7 asked ≤ 15 s);
 *  - site bytes per award beyond the badge images ≤ 8 kB (issue 12): every file that exists
 *    because of an award or its recipient (credential JSON, credential page, OB 2.0 assertion,
 *    personal page) plus the manifest segments that list them, divided by the awards;
 *  - incremental export of 100 new awards on top of 10,000 ≤ 1 s, its size proportional to the 100.
 * The station is built through the batch-award path (awards:batchPreview + awards:batchStart):
 * 10,000 different people, one award each (the worst case for personal pages).
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
import type { Core } from '../main/core/create-core.js'
import { siteScripts } from '../main/core/site/verifier-bundle.js'
import { batchAward, benchStation, call } from './support/station.js'
import { removeAtEnd, removeCollected } from './support/remove-at-end.js'

export type BundleBenchResult = {
  full10kMs: number
  full10kCpuMs: number
  /** The longest the event loop waited during the full export (the job yields every ~15 ms). */
  full10kMaxLoopDelayMs: number
  /** Creating the same files with a plain loop, at the same time (the machine's floor). */
  rawWrite10kMs: number
  full10kFiles: number
  full10kMb: number
  incremental100Ms: number
  incremental100CpuMs: number
  /** The 1-minute load average before the full export and after the incremental one. */
  load: [number, number]
  incremental100Files: number
  incremental100Kb: number
  incrementalKbPerAward: number
  fullKbPerAward: number
  /** Site bytes per award beyond the badge images (the issue 12 target), and by kind. */
  siteBytesPerAward: number
  bytesPerAwardByKind: Record<string, number>
  verify10kMs: number
}

/** Writes a copy of `from` into `to` with mkdirSync + writeFileSync; returns the milliseconds. */
function rawWrite(from: string, to: string): number {
  const files: [string, Buffer][] = []
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), path.join(rel, e.name))
      else files.push([path.join(rel, e.name), fs.readFileSync(path.join(d, e.name))])
    }
  }
  walk(from, '')
  const t = performance.now()
  const made = new Set<string>()
  for (const [rel, bytes] of files) {
    const file = path.join(to, rel)
    const dir = path.dirname(file)
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true })
      made.add(dir)
    }
    fs.writeFileSync(file, bytes)
  }
  return Math.round(performance.now() - t)
}

/** Bytes of the exported site by kind of file (per-award kinds and the rest). */
function sizesByKind(dir: string): Record<string, number> {
  const kinds: Record<string, number> = {}
  const add = (kind: string, n: number): void => {
    kinds[kind] = (kinds[kind] ?? 0) + n
  }
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = rel + e.name
      if (e.isDirectory()) walk(path.join(d, e.name), `${p}/`)
      else {
        const size = fs.statSync(path.join(d, e.name)).size
        if (/^credentials\/[^/]+\.json$/.test(p)) add('credentialJson', size)
        else if (/^credentials\/[^/]+\/index\.html$/.test(p)) add('credentialPage', size)
        else if (/^ob2\/assertions\/[^/]+\.json$/.test(p)) add('ob2Assertion', size)
        else if (/^p\/[a-z2-7]{32}\.html$/.test(p)) add('personalPage', size)
        else if (p.startsWith('kiln-manifests/segments/')) add('manifestSegments', size)
        else if (/^achievements\/.+\.png$/.test(p)) add('badgeImages', size)
        else add('siteWide', size)
      }
    }
  }
  walk(dir, '')
  return kinds
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

export async function runBundleBench(
  log: (line: string) => void = console.log
): Promise<BundleBenchResult> {
  process.env.KILN_SCRYPT_N ??= '16384'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-bundle-'))
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-bundle-out-'))
  try {
    const { core, badgeId } = await benchStation(dir)
    await batchAward(core, badgeId, 10_000, 0)
    await siteScripts() // built once per process (or read prebuilt); not part of an export's cost
    log(`station with ${core.station.awards.size} awards ready`)

    const loadBefore = Math.round(os.loadavg()[0] * 100) / 100
    let t = performance.now()
    const delay = monitorEventLoopDelay({ resolution: 1 })
    delay.enable()
    const cpu0 = process.cpuUsage()
    const full = await exportBundle(core, path.join(out, 'full'))
    const cpu = process.cpuUsage(cpu0)
    delay.disable()
    const fullMs = performance.now() - t
    const fullCpuMs = Math.round((cpu.user + cpu.system) / 1000)
    log(`full export: longest event-loop delay ${Math.round(delay.max / 1e6)} ms`)
    log(
      `full export: ${full.files} files, ${(full.bytes / 1e6).toFixed(1)} MB in ${Math.round(fullMs)} ms (${fullCpuMs} ms CPU)`
    )

    await batchAward(core, badgeId, 100, 10_000)
    t = performance.now()
    const incrCpu0 = process.cpuUsage()
    const incr = await exportBundle(core, path.join(out, 'incr'))
    const incrCpu = process.cpuUsage(incrCpu0)
    const incrMs = performance.now() - t
    const incrCpuMs = Math.round((incrCpu.user + incrCpu.system) / 1000)
    const loadAfter = Math.round(os.loadavg()[0] * 100) / 100
    log(
      `incremental export of 100 new awards over 10,000: ${incr.files} files, ${(incr.bytes / 1e3).toFixed(0)} kB in ${Math.round(incrMs)} ms (${incrCpuMs} ms CPU); load ${loadBefore} → ${loadAfter}`
    )

    // The floor on this machine at this moment: creating the same files and folders with a
    // plain loop (contents read into memory first), no rendering, hashing or manifest.
    const rawMs = rawWrite(path.join(out, 'full'), path.join(out, 'raw'))
    log(`plain creation of the same ${full.files} files: ${rawMs} ms`)
    const kinds = sizesByKind(path.join(out, 'full'))
    const perAwardKinds = [
      'credentialJson',
      'credentialPage',
      'ob2Assertion',
      'personalPage',
      'manifestSegments'
    ]
    const bytesPerAwardByKind = Object.fromEntries(
      perAwardKinds.map((k) => [k, Math.round((kinds[k] ?? 0) / 10_000)])
    )
    const siteBytesPerAward = Object.values(bytesPerAwardByKind).reduce((a, b) => a + b, 0)
    log(
      `site bytes per award beyond the badge images: ${siteBytesPerAward} (${JSON.stringify(bytesPerAwardByKind)}); badge images ${kinds.badgeImages ?? 0} bytes, site-wide files ${kinds.siteWide ?? 0} bytes`
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
      full10kCpuMs: fullCpuMs,
      full10kMaxLoopDelayMs: Math.round(delay.max / 1e6),
      rawWrite10kMs: rawMs,
      full10kFiles: full.files,
      full10kMb: Math.round(full.bytes / 1e5) / 10,
      incremental100Ms: Math.round(incrMs),
      incremental100CpuMs: incrCpuMs,
      load: [loadBefore, loadAfter],
      incremental100Files: incr.files,
      incremental100Kb: Math.round(incr.bytes / 1e3),
      incrementalKbPerAward: Math.round(incr.bytes / 100 / 100) / 10,
      fullKbPerAward: Math.round(full.bytes / 10_000 / 100) / 10,
      siteBytesPerAward,
      bytesPerAwardByKind,
      verify10kMs: Math.round(verifyMs)
    }
  } finally {
    // Not now: a deletion of 40,000 files slows the next benches' file creation (remove-at-end.ts).
    removeAtEnd(dir)
    removeAtEnd(out)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(JSON.stringify(await runBundleBench(), null, 2))
  } finally {
    removeCollected()
  }
}
