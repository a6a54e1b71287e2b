/**
 * Batch awards: a preview (nothing issued) and a cancellable job that issues the accepted
 * preview in chunks. Each chunk is one fsynced group commit, counted as done only after it;
 * between chunks the job yields to the event loop so hosts keep answering. Idempotent:
 * whoever holds the badge when their chunk runs is skipped.
 */
import { randomUUID } from 'node:crypto'
import type { MethodParsedInput } from '../../../shared/contract.js'
import type {
  BatchNameChoice,
  BatchPreview,
  BatchReport,
  BatchSkippedRow,
  RowProblem
} from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import type { JournalItem } from '../storage/journal.js'
import { readPeople } from '../recipients/import.js'
import { jobsOf, type JobControl } from '../jobs/job-registry.js'
import { existingAward } from './award-actions.js'
import { applyNameChoices, heldReason, nameConflicts, renameItems } from './batch-names.js'
import {
  awardItem,
  awardableBadge,
  commit,
  defaultOperator,
  linkRecipients,
  prepareAward,
  type AwardOptions,
  type Person
} from './issue-award.js'

export type BatchPreviewInput = MethodParsedInput<'awards:batchPreview'>

type Planned = Person & { row: number }

type Plan = {
  preview: BatchPreview
  people: Planned[]
  options: AwardOptions
  /** recipient id → a name kept from the file, written to the book with their award. */
  renames?: ReadonlyMap<string, string>
}

const PREVIEW_TTL_MS = 60 * 60 * 1000
const plansByStation = new WeakMap<Station, Map<string, Plan>>()

function plansOf(station: Station): Map<string, Plan> {
  let plans = plansByStation.get(station)
  if (!plans) {
    plans = new Map()
    plansByStation.set(station, plans)
  }
  return plans
}

function peopleFromSource(
  station: Station,
  input: BatchPreviewInput
): {
  people: Planned[]
  skipped: BatchSkippedRow[]
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
        name: person.name,
        reason: `listed twice (same person as row ${firstRow})`
      })),
      rejected: read.rejected,
      csv: read.info
    }
  }
  const people: Planned[] = []
  const skipped: BatchSkippedRow[] = []
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
      skipped.push({ row, email: record.email, name: record.name, reason: 'selected twice' })
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
      skipped.push({ row: p.row, email: p.email, name: p.name, reason: heldReason(station, held) })
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
    conflicts: nameConflicts(station, people),
    ...(source.csv ? { csv: source.csv } : {}),
    expiresAt: new Date(Date.now() + PREVIEW_TTL_MS).toISOString()
  }
  const plans = plansOf(station)
  for (const [id, plan] of plans) {
    if (Date.parse(plan.preview.expiresAt) < Date.now()) plans.delete(id)
  }
  plans.set(previewId, {
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
  /** The operator's choice for each name conflict of the preview. */
  names?: readonly BatchNameChoice[]
}>

/** Validates the accepted preview and starts the job; returns its id at once. */
export function startBatch(station: Station, input: BatchStartInput): { jobId: string } {
  station.requireInitialized()
  const plans = plansOf(station)
  const plan = plans.get(input.previewId)
  if (!plan || Date.parse(plan.preview.expiresAt) < Date.now()) {
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
  const named = applyNameChoices(plan.people, plan.preview.conflicts, input.names)
  void station.signer // LOCKED now rather than inside the job
  const badge = awardableBadge(station, plan.preview.badgeId)
  plans.delete(input.previewId)
  const options: AwardOptions = { ...plan.options, operator: input.operator ?? defaultOperator() }
  const chosen: Plan = { ...plan, people: named.people, renames: named.renames }
  const jobId = jobsOf(station).start('awards:batch', chosen.people.length, (control) =>
    runBatch(station, badge.id, chosen, options, control)
  )
  return { jobId }
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Target time per chunk: long enough to amortise the fsync, short enough to stay responsive. */
const CHUNK_MS = 60
const MAX_CHUNK = 500

async function runBatch(
  station: Station,
  badgeId: string,
  plan: Plan,
  options: AwardOptions,
  control: JobControl
): Promise<BatchReport> {
  const issued: Array<{ id: string; email: string; name: string }> = []
  const skipped = [...plan.preview.skipped]
  const total = plan.people.length
  let done = 0
  let chunk = 25
  const report = (): BatchReport => ({ issued, skipped, rejected: plan.preview.rejected })
  while (done < total && !control.cancelled()) {
    const started = performance.now()
    const badge = awardableBadge(station, badgeId)
    const slice = plan.people.slice(done, done + chunk)
    const fresh: Planned[] = []
    for (const p of slice) {
      const held = existingAward(station, badgeId, p)
      if (held) {
        skipped.push({
          row: p.row,
          email: p.email,
          name: p.name,
          reason: heldReason(station, held)
        })
      } else fresh.push(p)
    }
    const people = linkRecipients(station, fresh)
    const items: JournalItem[] = plan.renames
      ? renameItems(people, plan.renames, station.clock().toISOString())
      : []
    const reserved = new Set<number>()
    for (const person of people) {
      items.push(awardItem(await prepareAward(station, badge, person, options, reserved)))
    }
    const entries = commit(station, items, { batchId: control.jobId })
    for (const entry of entries) {
      if (entry.type !== 'award.issued') continue
      const record = (
        entry.data as { award: { id: string; recipientEmail: string; recipientName: string } }
      ).award
      issued.push({ id: record.id, email: record.recipientEmail, name: record.recipientName })
    }
    done += slice.length
    control.progress(done, total)
    if (entries.length > 0) station.bus.emit('data:changed', { domain: 'awards' })
    const elapsed = performance.now() - started
    const perItem = elapsed / Math.max(1, slice.length)
    chunk = Math.max(10, Math.min(MAX_CHUNK, Math.round(CHUNK_MS / Math.max(perItem, 0.01))))
    await yieldToLoop()
  }
  skipped.sort((a, b) => a.row - b.row)
  if (issued.length > 0) station.bus.emit('data:changed', { domain: 'recipients' })
  const result = report()
  control.progress(done, total, result)
  return result
}
