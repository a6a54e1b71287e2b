/**
 * Batch awards: a preview (nothing issued) and a cancellable job that issues the accepted
 * preview in chunks. Each chunk takes the station's mutation queue: its duplicate check, signing
 * and one fsynced group commit are atomic with respect to other changes (a desk award slips in
 * between two chunks, never into one). Signing yields to the event loop every ~15 ms so reads are
 * answered meanwhile. Idempotent: whoever holds the badge when their chunk runs is skipped. A full
 * disk stops the job with DISK_FULL, listing the awards made durable before it.
 */
import { randomUUID } from 'node:crypto'
import type { MethodParsedInput } from '../../../shared/contract.js'
import type { BatchPreview, BatchReport, RowProblem } from '../../../shared/types.js'
import { fail, KilnFailure } from '../failure.js'
import type { Station } from '../station/station.js'
import type { NewEvent } from '../journal/registry.js'
import { readPeople } from '../recipients/import.js'
import type { JobControl } from '../jobs/job-registry.js'
import { existingAward } from './award-actions.js'
import { ReservedSlots } from '../status/rollover.js'
import { ensureStatusCapacity } from './status-allocation.js'
import { PREVIEW_TTL_MS, type Plan, type Planned } from './batch-plans.js'
import {
  awardItem,
  awardableBadge,
  commit,
  defaultOperator,
  linkRecipients,
  prepareAward,
  type AwardOptions
} from './issue-award.js'

export type BatchPreviewInput = MethodParsedInput<'awards:batchPreview'>

function peopleFromSource(
  station: Station,
  input: BatchPreviewInput
): {
  people: Planned[]
  skipped: Array<{ row: number; email: string; reason: string }>
  rejected: RowProblem[]
  csv?: BatchPreview['csv']
} {
  const source = input.source
  if ('csvBase64' in source) {
    const read = readPeople(source)
    if (read.people.length + read.repeats.length + read.rejected.length === 0) {
      fail(
        'CSV_INVALID',
        'The file has a header but no rows: add one person per row under the header, then choose the file again.',
        { field: 'source.csvBase64' }
      )
    }
    return {
      people: read.people.map((p) => ({ row: p.row, name: p.name, email: p.email })),
      skipped: read.repeats.map(({ person, firstRow }) => ({
        row: person.row,
        email: person.email,
        reason: `listed twice (same person as row ${firstRow})`
      })),
      rejected: read.rejected,
      csv: read.info
    }
  }
  const people: Planned[] = []
  const skipped: Array<{ row: number; email: string; reason: string }> = []
  const rejected: RowProblem[] = []
  const seen = new Set<string>()
  source.recipientIds.forEach((raw, i) => {
    const row = i + 1
    const id = station.recipients.resolveId(raw)
    const record = id ? station.recipients.record(id) : undefined
    if (!id || !record) {
      rejected.push({
        row,
        field: 'recipientIds',
        message: `there is no recipient with id "${raw}"`
      })
    } else if (seen.has(id)) {
      skipped.push({ row, email: record.email, reason: 'selected twice' })
    } else {
      seen.add(id)
      people.push({ row, name: record.name, email: record.email, recipientId: id })
    }
  })
  return { people, skipped, rejected }
}

export function previewBatch(station: Station, input: BatchPreviewInput): BatchPreview {
  station.requireInitialized()
  const badge = awardableBadge(station, input.badgeId)
  const source = peopleFromSource(station, input)
  const people: Planned[] = []
  const skipped = [...source.skipped]
  for (const p of source.people) {
    const held = existingAward(station, badge.id, p)
    if (held) {
      skipped.push({
        row: p.row,
        email: p.email,
        reason: `already holds this badge (award ${held})`
      })
    } else people.push(p)
  }
  skipped.sort((a, b) => a.row - b.row)
  const previewId = 'preview-' + randomUUID()
  const preview: BatchPreview = {
    previewId,
    badgeId: badge.id,
    counts: {
      toAward: people.length,
      alreadyHold: skipped.length,
      rejected: source.rejected.length
    },
    toAward: people.map((p) => ({ row: p.row, name: p.name, email: p.email })),
    skipped,
    rejected: source.rejected,
    ...(source.csv ? { csv: source.csv } : {}),
    expiresAt: new Date(Date.now() + PREVIEW_TTL_MS).toISOString()
  }
  station.batches.put({
    preview,
    people,
    options: {
      ...(input.narrative ? { narrative: input.narrative } : {}),
      ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {})
    }
  })
  return preview
}

export type BatchStartInput = Readonly<{
  previewId: string
  awardValidRows?: boolean
  operator?: string
}>

/** Validates the accepted preview and starts the job; returns its id at once. */
export function startBatch(station: Station, input: BatchStartInput): { jobId: string } {
  station.requireInitialized()
  const plan = station.batches.get(input.previewId)
  if (!plan) {
    fail('NOT_FOUND', 'This preview has expired or was already used; preview the batch again.', {
      field: 'previewId'
    })
  }
  const rejected = plan.preview.rejected
  if (rejected.length > 0 && input.awardValidRows !== true) {
    fail(
      'CSV_INVALID',
      `${rejected.length} row(s) were rejected; nothing was awarded. Fix the file, or choose to award the valid rows.`,
      { rejected, issues: rejected.map((r) => ({ path: r.field, message: r.message, row: r.row })) }
    )
  }
  void station.signer // LOCKED now rather than inside the job
  const badge = awardableBadge(station, plan.preview.badgeId)
  // Every row must fit in the status lists (rolling over as needed) before the first is issued;
  // the entries stay held for the batch until it ends.
  ensureStatusCapacity(station, plan.people.length)
  const hold = 'batch-' + randomUUID()
  station.statusHolds.hold(hold, plan.people.length)
  station.batches.take(input.previewId)
  const options: AwardOptions = { ...plan.options, operator: input.operator ?? defaultOperator() }
  try {
    const jobId = station.jobs.start('awards:batch', { total: plan.people.length }, (control) =>
      runBatch(station, badge.id, plan, options, control, hold).finally(() =>
        station.statusHolds.release(hold)
      )
    )
    return { jobId }
  } catch (error) {
    station.statusHolds.release(hold)
    throw error
  }
}

/**
 * Target time per chunk: long enough to amortise the fsync, short enough that a desk award waits
 * little for the queue (reads never wait: signing yields every ~15 ms).
 */
const CHUNK_MS = 60
const MAX_CHUNK = 500

type ChunkOutcome = { issued: number; skipped: number }

async function runBatch(
  station: Station,
  badgeId: string,
  plan: Plan,
  options: AwardOptions,
  control: JobControl<BatchReport>,
  hold: string
): Promise<BatchReport> {
  const issued: Array<{ id: string; email: string; name: string }> = []
  const skipped = [...plan.preview.skipped]
  const total = plan.people.length
  let done = 0
  let chunk = 25
  const report = (): BatchReport => ({ issued, skipped, rejected: plan.preview.rejected })
  while (done < total && !control.cancelled()) {
    const slice = plan.people.slice(done, done + chunk)
    const started = performance.now()
    let outcome: ChunkOutcome
    try {
      outcome = await control.mutate(() =>
        runChunk(station, badgeId, slice, options, control, { issued, skipped }, hold)
      )
    } catch (error) {
      throw stoppedBatch(error, issued)
    }
    const elapsed = performance.now() - started
    done += slice.length
    control.progress(done, total, report())
    if (outcome.issued > 0) station.bus.emit('data:changed', { domain: 'awards' })
    const perItem = elapsed / Math.max(1, slice.length)
    chunk = Math.max(10, Math.min(MAX_CHUNK, Math.round(CHUNK_MS / Math.max(perItem, 0.01))))
    await control.yieldIfDue()
  }
  skipped.sort((a, b) => a.row - b.row)
  if (issued.length > 0) station.bus.emit('data:changed', { domain: 'recipients' })
  const result = report()
  control.progress(done, total, result)
  return result
}

/** One chunk, inside the mutation queue: duplicate check, signing, one group commit. */
async function runChunk(
  station: Station,
  badgeId: string,
  slice: readonly Planned[],
  options: AwardOptions,
  control: JobControl<BatchReport>,
  out: {
    issued: Array<{ id: string; email: string; name: string }>
    skipped: Array<{ row: number; email: string; reason: string }>
  },
  hold: string
): Promise<ChunkOutcome> {
  const badge = awardableBadge(station, badgeId)
  const fresh: Planned[] = []
  for (const p of slice) {
    const held = existingAward(station, badgeId, p)
    if (held) {
      out.skipped.push({
        row: p.row,
        email: p.email,
        reason: `already holds this badge (award ${held})`
      })
    } else fresh.push(p)
  }
  const people = linkRecipients(station, fresh)
  const items: NewEvent[] = []
  const reserved = new ReservedSlots()
  for (const person of people) {
    items.push(awardItem(await prepareAward(station, badge, person, options, reserved)))
    await control.yieldIfDue()
  }
  const entries = commit(station, items, { batchId: control.jobId })
  // This chunk's rows no longer need their held entries (issued now, or skipped).
  station.statusHolds.consume(hold, slice.length)
  let issued = 0
  for (const entry of entries) {
    if (entry.type !== 'award.issued') continue
    const award = entry.data.award
    out.issued.push({ id: award.id, email: award.recipientEmail, name: award.recipientName })
    issued++
  }
  return { issued, skipped: slice.length - fresh.length }
}

/** A chunk failed: say how many awards of this run are durable (and which), then stop the job. */
function stoppedBatch(error: unknown, issued: ReadonlyArray<{ id: string }>): unknown {
  if (!(error instanceof KilnFailure) || error.code !== 'DISK_FULL') return error
  const n = issued.length
  return new KilnFailure(
    'DISK_FULL',
    `The disk filled up during the batch: ${n} award${n === 1 ? ' was' : 's were'} made durable before it (${n === 1 ? 'it is' : 'they are'} kept); nothing after ${n === 1 ? 'it' : 'them'} was recorded. Free some space, then award the rest again (those already awarded are skipped).`,
    { durable: n, awardIds: issued.map((a) => a.id) }
  )
}
