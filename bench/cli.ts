/**
 * The CLI as whole processes (issue 16 targets, 2-core machine), through the package's bin:
 *  - `kiln --help` ≤ 0.3 s; `kiln status` on a new station ≤ 0.4 s and ≤ 100 MB;
 *  - the 10,000-row CSV batch (`kiln award --csv attendees-10k.csv --award-valid-rows`) ≤ 3 s,
 *    with its breakdown: process start, station open, key derivation, then preview + signing +
 *    journal (the library's work, benchmarked alone in bench/awarding.ts).
 * The station is real and uses the production key-derivation cost (no KILN_SCRYPT_N).
 *
 *   node --import tsx bench/cli.ts        (after `npm run build`)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  describeFigure,
  figure,
  kilnOnce,
  measureCli,
  REPO_ROOT,
  type CliFigure
} from './support/run-cli.js'

export const BENCH_PASSPHRASE = 'bench passphrase for a lifetime'
const FIXTURE = path.join(REPO_ROOT, 'test', 'vendor', 'fixtures', 'attendees-10k.csv')

export type CliBenchResult = {
  help: CliFigure
  status: CliFigure
  statusWithoutPassphrase: CliFigure
  statusCheckPassphrase: CliFigure
  singleAward: CliFigure
  batch10k: CliFigure
  /**
   * Wall-time breakdown of the 10k batch (medians; each step is the difference of two commands).
   * The key derivation runs beside start-up, opening and the preview (keys/early-unlock.ts), so
   * `deriveKey` is what it adds to `status`, not what it adds to the batch.
   */
  batch10kBreakdownMs: {
    processStart: number
    openStation: number
    deriveKey: number
    previewSignJournal: number
  }
}

/**
 * `kiln …` that must succeed; returns stdout. Keys are made with the real scrypt cost: in a whole
 * `npm run bench`, earlier benches set a cheaper $KILN_SCRYPT_N for their own stations.
 */
export function kilnOk(args: string[], env: Record<string, string | undefined> = {}): string {
  const run = kilnOnce(args, {
    KILN_PASSPHRASE: BENCH_PASSPHRASE,
    KILN_SCRYPT_N: undefined,
    ...env
  })
  if (run.code !== 0) throw new Error(`kiln ${args.join(' ')}: exit ${run.code}\n${run.stderr}`)
  return run.stdout
}

/** A new station with one published badge, made through the CLI; returns the badge id. */
export function newStation(dir: string, badgeName = 'Bench Attendance'): string {
  kilnOk([
    '--data',
    dir,
    'init',
    '--issuer-name',
    'Bench Association',
    '--issuer-url',
    'https://bench.example.org/',
    '--site',
    'https://badges.bench.example.org/'
  ])
  return createBadge(dir, badgeName)
}

export function createBadge(dir: string, name: string): string {
  const created: unknown = JSON.parse(
    kilnOk([
      '--data',
      dir,
      '--json',
      'badge',
      'create',
      '--name',
      name,
      '--description',
      `Attended ${name}.`,
      '--criteria',
      'Attend the session.'
    ])
  )
  const id =
    typeof created === 'object' && created !== null && 'id' in created ? String(created.id) : ''
  if (!id) throw new Error('badge create returned no id')
  kilnOk(['--data', dir, 'badge', 'publish', id])
  return id
}

export async function runCliBench(
  log: (line: string) => void = console.log
): Promise<CliBenchResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-cli-'))
  const base = path.join(root, 'station')
  const work = path.join(root, 'work')
  const env = { KILN_PASSPHRASE: BENCH_PASSPHRASE, KILN_SCRYPT_N: undefined }
  const fresh = (): void => {
    fs.rmSync(work, { recursive: true, force: true })
    fs.cpSync(base, work, { recursive: true })
  }
  try {
    const badgeId = newStation(base)

    const help = measureCli('kiln --help', () => ['--help'], { runs: 10, warmup: 1 })
    log(describeFigure('kiln --help', help))
    const status = measureCli('kiln status', () => ['--data', base, 'status'], {
      runs: 10,
      warmup: 1,
      env
    })
    log(describeFigure('kiln status (new station, $KILN_PASSPHRASE set)', status))
    const statusWithout = measureCli('kiln status', () => ['--data', base, 'status'], {
      runs: 10,
      warmup: 1,
      env: { KILN_PASSPHRASE: undefined }
    })
    log(describeFigure('kiln status (new station, no passphrase)', statusWithout))
    const check = measureCli(
      'kiln status --check-passphrase',
      () => ['--data', base, 'status', '--check-passphrase'],
      { runs: 5, warmup: 1, env }
    )
    log(describeFigure('kiln status --check-passphrase (derives the key)', check))

    const single = measureCli(
      'kiln award (one person)',
      (i) =>
        ['--data', work, 'award', '--badge', badgeId, '--email', `one.${i}@example.org`].concat([
          '--name',
          `One Person ${i}`
        ]),
      { runs: 5, env, prepare: (i) => (i === 0 ? fresh() : undefined) }
    )
    log(describeFigure('kiln award, one person (new station)', single))

    const batch = measureCli(
      'kiln award --csv (10k)',
      () => ['--data', work, 'award', '--badge', badgeId, '--csv', FIXTURE, '--award-valid-rows'],
      { runs: 3, env, prepare: fresh }
    )
    if (!batch.last.stdout.includes('Awarded 10000,')) {
      throw new Error(`the 10k batch did not award 10,000: ${batch.last.stdout}`)
    }
    log(describeFigure('kiln award --csv attendees-10k.csv (whole process)', batch))
    const breakdown = {
      processStart: help.wallMs,
      openStation: Math.max(0, status.wallMs - help.wallMs),
      deriveKey: Math.max(0, check.wallMs - status.wallMs),
      previewSignJournal: Math.max(0, batch.wallMs - check.wallMs)
    }
    log(
      `10k batch breakdown (ms): start ${breakdown.processStart}, open ${breakdown.openStation}, key ${breakdown.deriveKey}, preview + sign + journal + close ${breakdown.previewSignJournal}` +
        ' (with $KILN_PASSPHRASE the key is derived beside start-up, opening and the preview: the steps overlap)'
    )
    return {
      help: figure(help),
      status: figure(status),
      statusWithoutPassphrase: figure(statusWithout),
      statusCheckPassphrase: figure(check),
      singleAward: figure(single),
      batch10k: figure(batch),
      batch10kBreakdownMs: breakdown
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await runCliBench(), null, 2))
}
