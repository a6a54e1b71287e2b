/**
 * A station for a lifetime (issue 16 targets, 2-core machine, whole processes through bin/):
 * on a station with 1,000,000 awards, `kiln status` ≤ 1.5 s and ≤ 400 MB; one more award ≤ 1.5×
 * its cost on a new station; a search of awards by name or e-mail ≤ 1.5 s; the analytics summary
 * ≤ 1 s; an incremental export of 100 new awards ≤ 1 s. Plus what today's station does at its
 * capacity (one status list: 131,072 awards).
 *
 * Not part of the default `npm run bench` (generating the station takes many minutes and
 * gigabytes): `npm run bench:million` (or `npm run bench -- --million`), optionally with
 * `--awards N`. The generated station is cached in .bench-cache/ (bench/million-station.ts);
 * each run measures on a copy of it, which is removed at the end.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BENCH_PASSPHRASE, newStation } from './cli.js'
import {
  awardMembers,
  CACHE_DIR,
  generatedStation,
  member,
  namesForBench,
  type GeneratedStation
} from './million-station.js'
import {
  describeFigure,
  figure,
  loadAverage,
  measureCli,
  type CliFigure
} from './support/run-cli.js'

const here = path.dirname(fileURLToPath(import.meta.url))
export const MILLION = 1_000_000

type ChildFigure = { openMs: number; callMs: number; maxRssMb: number; cpuMs: number }

export type MillionBenchResult = {
  station: Omit<GeneratedStation, 'dir' | 'batches'> & {
    batchWallMsBySize: { before: number; wallMs: number }[]
  }
  status: CliFigure
  singleAward: CliFigure
  /** `kiln status` with a few entries after the checkpoint (the single awards above). */
  statusAfterAwards: CliFigure
  singleAwardNewStation: CliFigure
  singleAwardRatio: number
  searchByEmail: CliFigure
  searchByName: CliFigure
  analyticsSummary: ChildFigure & { load: [number, number] }
  /** Absent when the station has no first export (see million-station.ts). */
  incrementalExport100?: CliFigure & { files: number; bytes: number }
  /** Status lists roll over: their length and how many the awards span. */
  capacity: { listLength: number; listsUsed: number }
}

const env = { KILN_PASSPHRASE: BENCH_PASSPHRASE, KILN_SCRYPT_N: undefined }

/** One contract call in a fresh library process, `runs` times (median by call time). */
function childCall(dir: string, method: string, input: unknown, runs: number): ChildFigure {
  const figures: ChildFigure[] = []
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(here, 'support', 'station-child.ts'),
        dir,
        method,
        JSON.stringify(input)
      ],
      { encoding: 'utf8', env: { ...process.env, KILN_PASSPHRASE: undefined } }
    )
    const line = r.stdout.trim().split('\n').at(-1) ?? ''
    if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${method} child: ${r.stderr}`)
    figures.push(JSON.parse(line) as ChildFigure)
  }
  figures.sort((a, b) => a.callMs - b.callMs)
  const mid = figures[Math.floor(figures.length / 2)]
  if (!mid) throw new Error('no child runs')
  return { ...mid, maxRssMb: Math.max(...figures.map((f) => f.maxRssMb)) }
}

export async function runMillionBench(
  log: (line: string) => void = console.log,
  target = MILLION
): Promise<MillionBenchResult> {
  const generated = await generatedStation(target, log)
  const names = namesForBench()
  const work = path.join(CACHE_DIR, 'work')
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-million-'))
  fs.rmSync(work, { recursive: true, force: true })
  log(`copying the station (${generated.journalMb} MB journal) to ${work}`)
  fs.cpSync(generated.dir, path.join(work, 'station'), { recursive: true })
  const dir = path.join(work, 'station')
  const badgeId = generated.badges[0] as string
  try {
    const size = generated.awards
    const status = measureCli('kiln status', () => ['--data', dir, 'status'], {
      runs: 3,
      warmup: 1,
      env
    })
    log(describeFigure(`kiln status at ${size} awards`, status))

    const someone = member(names, Math.floor(generated.people / 2))
    const searchByEmail = measureCli(
      'kiln awards list --query EMAIL',
      () => ['--data', dir, '--json', 'awards', 'list', '--query', someone.email, '--limit', '20'],
      { runs: 3, env }
    )
    log(describeFigure(`kiln awards list --query ${someone.email}`, searchByEmail))
    const searchByName = measureCli(
      'kiln awards list --query NAME',
      () => ['--data', dir, '--json', 'awards', 'list', '--query', someone.name, '--limit', '20'],
      { runs: 3, env }
    )
    log(describeFigure(`kiln awards list --query "${someone.name}"`, searchByName))

    const loadBefore = loadAverage()
    const analytics = childCall(dir, 'analytics:summary', {}, 3)
    const analyticsSummary = { ...analytics, load: [loadBefore, loadAverage()] as [number, number] }
    log(
      `analytics:summary at ${size} awards (library, fresh process): call ${analytics.callMs} ms after an open of ${analytics.openMs} ms; peak RSS ${analytics.maxRssMb} MB`
    )

    const single = measureCli(
      'kiln award (one more)',
      (i) =>
        ['--data', dir, 'award', '--badge', badgeId, '--email', `late.${i}@example.org`].concat([
          '--name',
          `Late Member ${i}`
        ]),
      { runs: 3, env }
    )
    log(describeFigure(`kiln award, one more at ${size} awards`, single))
    // Status again: the awards above left a tail after the checkpoint (journal.counts covers it).
    const statusAfterAwards = measureCli('kiln status', () => ['--data', dir, 'status'], {
      runs: 3,
      env
    })
    log(describeFigure(`kiln status after those awards`, statusAfterAwards))
    const fresh = path.join(scratch, 'new-station')
    const freshBadge = newStation(fresh)
    const singleNew = measureCli(
      'kiln award (new station)',
      (i) =>
        [
          '--data',
          fresh,
          'award',
          '--badge',
          freshBadge,
          '--email',
          `late.${i}@example.org`
        ].concat(['--name', `Late Member ${i}`]),
      { runs: 3, env }
    )
    log(describeFigure('kiln award, one on a new station', singleNew))
    const singleAwardRatio = Math.round((single.wallMs / singleNew.wallMs) * 100) / 100

    // Incremental export: 100 new awards (not timed), then `kiln export bundle` (timed). Only
    // when the generator made the first, full export (its state is what makes the next one
    // incremental); above 200,000 awards it does not (million-station.ts).
    let incrementalExport100: MillionBenchResult['incrementalExport100']
    if (generated.firstExport.files === 0) {
      log('incremental export left out: the station has no first export (see million-station.ts)')
    } else {
      incrementalExport100 = measureIncrementalExport(dir, badgeId, names, generated, scratch, log)
    }

    // Status lists roll over: how many lists the station's awards now span.
    const capacity: MillionBenchResult['capacity'] = {
      listLength: generated.capacity,
      listsUsed: Math.ceil(size / generated.capacity)
    }
    log(`status lists of ${generated.capacity} entries: ${capacity.listsUsed} in use`)

    const { dir: _dir, batches, ...station } = generated
    return {
      station: {
        ...station,
        batchWallMsBySize: batches.map((b) => ({ before: b.before, wallMs: b.wallMs }))
      },
      status: figure(status),
      singleAward: figure(single),
      statusAfterAwards: figure(statusAfterAwards),
      singleAwardNewStation: figure(singleNew),
      singleAwardRatio,
      searchByEmail: figure(searchByEmail),
      searchByName: figure(searchByName),
      analyticsSummary,
      ...(incrementalExport100 ? { incrementalExport100 } : {}),
      capacity
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

/** `kiln export bundle` after 100 new awards (made through the CLI, not timed), three times. */
function measureIncrementalExport(
  dir: string,
  badgeId: string,
  names: ReturnType<typeof namesForBench>,
  generated: GeneratedStation,
  scratch: string,
  log: (line: string) => void
): CliFigure & { files: number; bytes: number } {
  let next = generated.people + 1_000
  const incremental = measureCli(
    'kiln export bundle (100 new awards)',
    (i) => ['--data', dir, '--json', 'export', 'bundle', '--out', path.join(scratch, `incr-${i}`)],
    {
      runs: 3,
      env,
      prepare: (i) => {
        if (i > 0) {
          fs.rmSync(path.join(scratch, `incr-${i - 1}`), { recursive: true, force: true })
        }
        awardMembers(dir, badgeId, names, next, 100)
        next += 100
      }
    }
  )
  const { files, bytes } = JSON.parse(incremental.last.stdout) as { files: number; bytes: number }
  const exported = { files, bytes }
  log(
    describeFigure(
      `kiln export bundle after 100 new awards (${exported.files} files, ${Math.round(exported.bytes / 1e3)} kB)`,
      incremental
    )
  )
  return { ...figure(incremental), ...exported }
}

export function targetFromArgs(argv: readonly string[]): number {
  const at = argv.indexOf('--awards')
  const n = at >= 0 ? Number(argv[at + 1]) : MILLION
  if (!Number.isSafeInteger(n) || n < 1_000) throw new Error('--awards needs a number ≥ 1000')
  return n
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    JSON.stringify(await runMillionBench(console.log, targetFromArgs(process.argv)), null, 2)
  )
}
