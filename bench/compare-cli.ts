/**
 * Before/after figures of the CLI's whole processes: this checkout against another built one
 * (e.g. a `git worktree` of main, with node_modules linked and `node scripts/build.mjs
 * --node-only` run in it). Runs alternate between the two, so both see the same load.
 *
 *   node --import tsx bench/compare-cli.ts /path/to/other/checkout [runs]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BENCH_PASSPHRASE, newStation } from './cli.js'
import { kilnOnce, loadAverage, REPO_ROOT, type CliRun } from './support/run-cli.js'

const other = process.argv[2]
const runs = Number(process.argv[3] ?? 5)
if (!other || !fs.existsSync(path.join(other, 'out', 'cli', 'kiln.js'))) {
  throw new Error('usage: compare-cli.ts OTHER_CHECKOUT (built) [runs]')
}
const FIXTURE = path.join(REPO_ROOT, 'test', 'vendor', 'fixtures', 'attendees-10k.csv')
const env: Record<string, string | undefined> = {
  KILN_PASSPHRASE: BENCH_PASSPHRASE,
  KILN_SCRYPT_N: undefined
}

function run(checkout: string, args: string[], e: Record<string, string | undefined>): CliRun {
  const previous = process.env.KILN_BENCH_CHECKOUT
  process.env.KILN_BENCH_CHECKOUT = checkout
  try {
    const r = kilnOnce(args, e)
    if (r.code !== 0) throw new Error(`${checkout}: kiln ${args.join(' ')}: ${r.stderr}`)
    return r
  } finally {
    if (previous === undefined) delete process.env.KILN_BENCH_CHECKOUT
    else process.env.KILN_BENCH_CHECKOUT = previous
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-compare-'))
const base = path.join(root, 'station')
const work = path.join(root, 'work')
try {
  const badge = newStation(base)
  const cases: {
    label: string
    args: (i: number) => string[]
    env: typeof env
    fresh?: boolean
  }[] = [
    { label: 'kiln --help', args: () => ['--help'], env },
    { label: 'kiln status ($KILN_PASSPHRASE set)', args: () => ['--data', base, 'status'], env },
    {
      label: 'kiln status (no passphrase)',
      args: () => ['--data', base, 'status'],
      env: { ...env, KILN_PASSPHRASE: undefined }
    },
    {
      label: 'kiln award (one person)',
      args: (i) =>
        ['--data', work, 'award', '--badge', badge, '--email', `c${i}@example.org`].concat([
          '--name',
          `Compare ${i}`
        ]),
      env,
      fresh: true
    },
    {
      label: 'kiln award --csv attendees-10k.csv',
      args: () => [
        '--data',
        work,
        'award',
        '--badge',
        badge,
        '--csv',
        FIXTURE,
        '--award-valid-rows'
      ],
      env,
      fresh: true
    }
  ]
  console.log(`this checkout (${REPO_ROOT}) against ${other}; ${runs} alternating runs each`)
  for (const c of cases) {
    const mine: CliRun[] = []
    const theirs: CliRun[] = []
    const load0 = loadAverage()
    for (let i = 0; i < runs; i++) {
      for (const [checkout, into] of [
        [other, theirs],
        [REPO_ROOT, mine]
      ] as const) {
        if (c.fresh) {
          fs.rmSync(work, { recursive: true, force: true })
          fs.cpSync(base, work, { recursive: true })
        }
        into.push(run(checkout, c.args(i), c.env))
      }
    }
    const show = (rs: CliRun[]): string =>
      `${Math.round(median(rs.map((r) => r.wallMs)))} ms wall, ${Math.round(median(rs.map((r) => r.cpuMs)))} ms CPU, ${Math.round(Math.max(...rs.map((r) => r.maxRssMb)))} MB`
    console.log(
      `${c.label}: before ${show(theirs)} | after ${show(mine)} (load ${load0}→${loadAverage()})`
    )
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true })
}
