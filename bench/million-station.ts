/**
 * A big, REAL station for the lifetime benchmarks (issue 16): created through the kiln CLI
 * (`init`, `badge create/publish`: production key-derivation cost), then filled through the
 * library in one process — the same contract calls `kiln award --csv` makes (`awards:batchPreview`
 * and `awards:batchStart`, real signing, real fsync), without starting a process per batch — so
 * its catalog, key, hash-chained journal and signed credentials are exactly what a station that
 * lived that long holds. `kiln audit verify` checks the whole chain at the end.
 *
 * People: an association's members, one cohort per session badge. Badge k goes to members
 * k·2,500 … k·2,500 + 9,999, so every member holds about four badges and the membership grows
 * with history (1,000,000 awards → 100 badges, ~250,000 people). Names come from the 10k
 * fixture's first and last names (accents, multi-word surnames); e-mails are unique.
 *
 * Status lists roll over (131,072 entries each), so the station reaches the target; version 1
 * stopped at one list's capacity.
 *
 * The station (and its first, full bundle export's state) is cached in .bench-cache/ (git-
 * ignored), keyed by GENERATOR_VERSION and the number of awards: change the version whenever
 * the generated content changes.
 */
import fs from 'node:fs'
import path from 'node:path'
import { BENCH_PASSPHRASE, kilnOk, newStation } from './cli.js'
import { createCore, type Core } from '../main/core/create-core.js'
import { kilnOnce, REPO_ROOT } from './support/run-cli.js'
import { call } from './support/station.js'

export const GENERATOR_VERSION = 2
export const COHORT = 10_000
const COHORT_STEP = 2_500
const FIXTURE = path.join(REPO_ROOT, 'test', 'vendor', 'fixtures', 'attendees-10k.csv')
export const CACHE_DIR = path.join(REPO_ROOT, '.bench-cache')

export type GeneratedStation = {
  generatorVersion: number
  dir: string
  target: number
  awards: number
  people: number
  badges: string[]
  /** Status-list capacity of the station when generated (131,072 today). */
  capacity: number
  /** Wall time of each CSV batch, by the station's size before it: how issuing slows with history. */
  batches: { before: number; rows: number; wallMs: number }[]
  generateMs: number
  auditVerifyMs: number
  journalMb: number
  firstExport: { wallMs: number; files: number; bytes: number }
}

type Names = { first: string[]; last: string[] }

function fixtureNames(): Names {
  const first = new Set<string>()
  const last = new Set<string>()
  for (const line of fs.readFileSync(FIXTURE, 'utf8').split('\n').slice(1)) {
    const name = line.split(',')[0]?.trim()
    if (!name) continue
    const [given, ...rest] = name.split(' ')
    if (given && rest.length > 0) {
      first.add(given)
      last.add(rest.join(' '))
    }
  }
  return { first: [...first].sort(), last: [...last].sort() }
}

function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

/** Member `i` of the association: the same person in every cohort that includes `i`. */
export function member(names: Names, i: number): { name: string; email: string } {
  const first = names.first[i % names.first.length] ?? 'Member'
  const last = names.last[Math.floor(i / names.first.length) % names.last.length] ?? 'Person'
  return {
    name: `${first} ${last}`,
    email: `${ascii(first) || 'm'}.${ascii(last) || 'p'}.${i}@members.example.org`
  }
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A CSV of members `from` … `from + count - 1`. */
export function membersCsv(names: Names, from: number, count: number): string {
  const lines = ['name,email']
  for (let i = from; i < from + count; i++) {
    const m = member(names, i)
    lines.push(`${csvField(m.name)},${m.email}`)
  }
  return lines.join('\n') + '\n'
}

export function namesForBench(): Names {
  return fixtureNames()
}

/** Today's capacity: the one status list's length (station.json). */
export function capacityOf(dir: string): number {
  const catalog: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'station.json'), 'utf8'))
  const list =
    typeof catalog === 'object' && catalog !== null && 'statusList' in catalog
      ? (catalog.statusList as { lengthBits?: unknown })
      : undefined
  const bits = Number(list?.lengthBits)
  if (!Number.isSafeInteger(bits) || bits <= 0) throw new Error('station.json names no status list')
  return bits
}

export function awardCount(dir: string): number {
  const status: unknown = JSON.parse(kilnOk(['--data', dir, '--json', 'status']))
  const awards =
    typeof status === 'object' && status !== null && 'awards' in status
      ? Number(status.awards)
      : NaN
  if (!Number.isSafeInteger(awards)) throw new Error('kiln status gave no award count')
  return awards
}

/** Awards members `from` … to badge `badgeId` through `kiln award --csv`; returns its wall time. */
export function awardMembers(
  dir: string,
  badgeId: string,
  names: Names,
  from: number,
  count: number
): number {
  const csv = path.join(dir, '..', `members-${from}-${count}.csv`)
  fs.writeFileSync(csv, membersCsv(names, from, count))
  try {
    const start = performance.now()
    const out = kilnOk(['--data', dir, 'award', '--badge', badgeId, '--csv', csv])
    const wallMs = performance.now() - start
    if (!out.includes(`Awarded ${count},`)) throw new Error(`batch did not award ${count}: ${out}`)
    return wallMs
  } finally {
    fs.rmSync(csv, { force: true })
  }
}

/** One cohort through the batch path (preview, then the batch job); returns its wall time. */
async function awardCohort(
  core: Core,
  badgeId: string,
  names: Names,
  from: number,
  count: number
): Promise<number> {
  const start = performance.now()
  const preview = await call(core, 'awards:batchPreview', {
    badgeId,
    source: { csvBase64: Buffer.from(membersCsv(names, from, count), 'utf8').toString('base64') }
  })
  const { jobId } = await call(core, 'awards:batchStart', { previewId: preview.previewId })
  const state = await core.station.jobs.wait(jobId)
  if (state.state !== 'done') throw new Error(`batch ${from}: ${state.state}`)
  if (preview.counts.toAward !== count) {
    throw new Error(`batch ${from} planned ${preview.counts.toAward} of ${count}`)
  }
  return performance.now() - start
}

/** A full bundle export through the CLI (its files removed after; its state stays). */
function fullExport(dir: string, home: string): { wallMs: number; files: number; bytes: number } {
  const site = path.join(home, 'first-export')
  const t = performance.now()
  const exported: unknown = JSON.parse(
    kilnOk(['--data', dir, '--json', 'export', 'bundle', '--out', site])
  )
  const wallMs = Math.round(performance.now() - t)
  const e = exported as { files?: unknown; bytes?: unknown }
  fs.rmSync(site, { recursive: true, force: true })
  return { wallMs, files: Number(e.files), bytes: Number(e.bytes) }
}

function cachePath(target: number): string {
  return path.join(CACHE_DIR, `station-v${GENERATOR_VERSION}-${target}`)
}

/** The cached station for `target` awards, generated first if needed (minutes). */
export async function generatedStation(
  target: number,
  log: (line: string) => void = console.log
): Promise<GeneratedStation> {
  const home = cachePath(target)
  const ready = path.join(home, 'generated.json')
  if (fs.existsSync(ready)) {
    const cached = JSON.parse(fs.readFileSync(ready, 'utf8')) as GeneratedStation
    log(`using the cached station ${home} (${cached.awards} awards)`)
    return { ...cached, dir: path.join(home, 'station') }
  }
  // Older generator versions and half-made stations are removed (they can be gigabytes).
  fs.mkdirSync(CACHE_DIR, { recursive: true })
  for (const entry of fs.readdirSync(CACHE_DIR)) {
    if (
      entry.startsWith('station-') &&
      !fs.existsSync(path.join(CACHE_DIR, entry, 'generated.json'))
    ) {
      fs.rmSync(path.join(CACHE_DIR, entry), { recursive: true, force: true })
    } else if (
      entry.startsWith('station-v') &&
      !entry.startsWith(`station-v${GENERATOR_VERSION}-`)
    ) {
      fs.rmSync(path.join(CACHE_DIR, entry), { recursive: true, force: true })
    }
  }
  const dir = path.join(home, 'station')
  fs.mkdirSync(home, { recursive: true })
  const names = fixtureNames()
  const started = performance.now()
  const badges = [newStation(dir, 'Session 1')]
  const capacity = capacityOf(dir)
  const plan = target
  const batches: GeneratedStation['batches'] = []
  let awards = 0
  let people = 0
  const core = await createCore({ dataDir: dir, host: 'cli' })
  try {
    await call(core, 'station:unlock', { passphrase: BENCH_PASSPHRASE })
    for (let k = 0; awards < plan; k++) {
      let badgeId = badges[0] as string
      if (k > 0) {
        const name = `Session ${k + 1}`
        const created = await call(core, 'badges:create', {
          name,
          description: `Attended ${name}.`,
          criteriaNarrative: 'Attend the session.'
        })
        await call(core, 'badges:publish', { id: created.id })
        badgeId = created.id
        badges.push(badgeId)
      }
      const rows = Math.min(COHORT, plan - awards)
      const wallMs = await awardCohort(core, badgeId, names, k * COHORT_STEP, rows)
      batches.push({ before: awards, rows, wallMs: Math.round(wallMs) })
      awards += rows
      people = Math.max(people, k * COHORT_STEP + rows)
      log(`  ${awards} awards (${badges.length} badges): last batch ${Math.round(wallMs)} ms`)
    }
  } finally {
    await core.close()
  }
  const generateMs = performance.now() - started
  if (awardCount(dir) !== awards) throw new Error('the generated station lost awards')

  const t = performance.now()
  const audit = kilnOnce(['--data', dir, 'audit', 'verify'])
  const auditVerifyMs = performance.now() - t
  if (audit.code !== 0) throw new Error(`kiln audit verify failed: ${audit.stdout}${audit.stderr}`)
  log(`kiln audit verify: ${audit.stdout.trim()} (${Math.round(auditVerifyMs)} ms)`)

  // The first export is always full; only its state (in the station) is kept, not the files.
  // Above ~200,000 awards it is left out (KILN_BENCH_FIRST_EXPORT=1 forces it): it writes about
  // 8 kB and 4 files per award and takes tens of minutes on this machine.
  const firstExport = { wallMs: 0, files: 0, bytes: 0 }
  if (awards <= 200_000 || process.env.KILN_BENCH_FIRST_EXPORT === '1') {
    Object.assign(firstExport, fullExport(dir, home))
    log(
      `first (full) bundle export: ${firstExport.files} files, ${(firstExport.bytes / 1e9).toFixed(2)} GB in ${firstExport.wallMs} ms`
    )
  } else log('first (full) bundle export left out (see the comment)')

  const generated: GeneratedStation = {
    generatorVersion: GENERATOR_VERSION,
    dir,
    target,
    awards,
    people,
    badges,
    capacity,
    batches,
    generateMs: Math.round(generateMs),
    auditVerifyMs: Math.round(auditVerifyMs),
    journalMb: Math.round(fs.statSync(path.join(dir, 'journal.ndjson')).size / 1e6),
    firstExport
  }
  fs.writeFileSync(ready, JSON.stringify(generated, null, 2))
  return generated
}
