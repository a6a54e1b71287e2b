/**
 * The station the in-process benches build: a core opened on a data folder, set up as the
 * "Bench Association" with one published badge, and awards added through the batch path
 * (awards:batchPreview + awards:batchStart), as a desk would add them.
 */
import { createCore, type Core } from '../../main/core/create-core.js'
import type { MethodInput, MethodName, MethodResults } from '../../shared/contract.js'

export const BENCH_PASSPHRASE = 'bench passphrase 1'

/** One contract call as the CLI host makes it; throws on a failed Result. */
export async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const result = await core.dispatch(method, input, { host: 'cli' })
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
  return result.value as MethodResults[M]
}

type BenchBadge = Readonly<{ name: string; description: string; criteriaNarrative: string }>

const BENCH_BADGE: BenchBadge = {
  name: 'Bench Attendance',
  description: 'Attended the bench conference.',
  criteriaNarrative: 'Attend at least one session.'
}

/** A new station in `dataDir` with one published badge (its id is returned). */
export async function benchStation(
  dataDir: string,
  badge: BenchBadge = BENCH_BADGE
): Promise<{ core: Core; badgeId: string }> {
  const core = await createCore({ dataDir, host: 'cli' })
  await call(core, 'station:init', {
    issuerName: 'Bench Association',
    issuerUrl: 'https://bench.example.org/',
    siteUrl: 'https://badges.bench.example.org/',
    passphrase: BENCH_PASSPHRASE
  })
  const { id } = await call(core, 'badges:create', badge)
  await call(core, 'badges:publish', { id })
  return { core, badgeId: id }
}

/** A roster of `rows` different people, numbered from `offset`. */
export function csvOf(rows: number, offset: number): string {
  const lines = ['name,email']
  for (let i = 0; i < rows; i++) lines.push(`Person ${offset + i},person.${offset + i}@example.com`)
  return lines.join('\n') + '\n'
}

/** Awards the badge to `rows` people (numbered from `offset`) by one batch; throws unless done. */
export async function batchAward(
  core: Core,
  badgeId: string,
  rows: number,
  offset: number
): Promise<void> {
  const preview = await call(core, 'awards:batchPreview', {
    badgeId,
    source: { csvBase64: Buffer.from(csvOf(rows, offset)).toString('base64') }
  })
  const { jobId } = await call(core, 'awards:batchStart', { previewId: preview.previewId })
  const state = await core.station.jobs.wait(jobId)
  if (state.state !== 'done') throw new Error(`batch ended ${state.state}`)
}
