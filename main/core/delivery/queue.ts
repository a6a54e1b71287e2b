/**
 * Putting messages in the outbox and taking them out: the hook every award commit goes through
 * (new awards queue a message when the station says so, a revocation cancels the unsent one, a
 * reissue queues a message that replaces the earlier credential, all in the award's own commit),
 * and the operator's queue / retry / cancel / resend.
 */
import type { OutboxMessage } from '../../../shared/methods/delivery.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import type { NewEvent } from '../journal/registry.js'
import type { DeliveryQueuedData } from '../journal/events/delivery.js'
import type { AwardRecord } from '../awards/ledger.js'
import { autoQueueOn, readMailSettings } from './mail-settings.js'
import { deliveryView } from './delivery-state.js'

/** What the awarding code tells delivery about a commit (a batch job groups its messages). */
export type CommitContext = Readonly<{ batchId?: string }>

/** "Teamwork · 2026-05-01 14:02 UTC": how the Outbox names a batch. */
function batchLabel(station: Station, badgeId: string): string {
  const name = station.catalog.badges.find((b) => b.id === badgeId)?.content.name ?? badgeId
  return `${name} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function nowIso(): string {
  return new Date().toISOString()
}

function messageDomain(station: Station): string {
  try {
    return new URL(station.catalog.siteUrl).hostname || 'kiln.invalid'
  } catch {
    return 'kiln.invalid'
  }
}

/** The id of the next message of an award: the award's id, then `<award>.r2`, `.r3`, … */
function nextMessageId(station: Station, awardId: string, taken: ReadonlySet<string>): string {
  const outbox = station.outbox
  let n = outbox.messagesOf(awardId).length + 1
  for (;;) {
    const id = n === 1 ? awardId : `${awardId}.r${n}`
    if (!outbox.has(id) && !taken.has(id)) return id
    n++
  }
}

/** Deterministic per message: every attempt of one message carries the same Message-ID. */
export function messageIdFor(station: Station, id: string): string {
  const local = id.replace(/[^A-Za-z0-9.-]/g, '-')
  return `<kiln.${local}@${messageDomain(station)}>`
}

type QueueFields = Omit<DeliveryQueuedData, 'id' | 'messageId' | 'queuedAt'>

/**
 * Whom a message of this award goes to, and why: a first award, a reissue that replaces an
 * earlier credential, or (`resend`) a new message for an award that already had one.
 */
function awardFields(award: AwardRecord, resend = false): QueueFields {
  const replaces = award.replacesAwardId
  return {
    awardId: award.id,
    badgeId: award.badgeId,
    email: award.recipientEmail,
    name: award.recipientName,
    kind: resend ? 'resend' : replaces ? 'reissue' : 'award',
    ...(replaces ? { replacesAwardId: replaces } : {})
  }
}

function queuedItem(
  station: Station,
  fields: QueueFields,
  taken: Set<string>
): { type: 'delivery.queued'; data: DeliveryQueuedData } {
  const id = nextMessageId(station, fields.awardId, taken)
  taken.add(id)
  return {
    type: 'delivery.queued',
    data: { ...fields, id, messageId: messageIdFor(station, id), queuedAt: nowIso() }
  }
}

/**
 * The events of an award commit plus what delivery adds to it: a message for each new award (when
 * automatic queueing is on, or when it replaces an award that had one) and the cancellation of
 * any unsent message of a revoked award. One commit, so an award and its message stand or fall
 * together (the caller holds the mutation queue: awards/issue-award.ts commit()).
 */
export function withDeliveryItems(
  station: Station,
  items: readonly NewEvent[],
  context: CommitContext = {}
): NewEvent[] {
  if (!station.initialized) return [...items]
  const relevant = items.some((i) => i.type === 'award.issued' || i.type === 'award.revoked')
  if (!relevant) return [...items]
  const outbox = station.outbox
  const auto = autoQueueOn(readMailSettings(station))
  const ownStation = station.catalog.stationId
  const taken = new Set<string>()
  const extra: NewEvent[] = []
  const cancelled = new Set<string>()
  for (const item of items) {
    if (item.type === 'award.revoked') {
      const revoked = item.data
      const ids = outbox.unsentOf(revoked.awardId).filter((id) => !cancelled.has(id))
      if (ids.length === 0) continue
      ids.forEach((id) => cancelled.add(id))
      const reissued = revoked.reason.startsWith('reissued')
      extra.push({
        type: 'delivery.cancelled',
        data: {
          ids,
          at: nowIso(),
          reason: reissued ? 'the award was replaced by a corrected one' : 'the award was revoked'
        }
      })
    } else if (item.type === 'award.issued') {
      const award = item.data.award
      if (award.stationId !== ownStation) continue
      const replaces = award.replacesAwardId
      const previousHadMessage = replaces !== undefined && outbox.messagesOf(replaces).length > 0
      if (!auto && !previousHadMessage) continue
      extra.push(
        queuedItem(
          station,
          {
            ...awardFields(award),
            ...(context.batchId
              ? { batchId: context.batchId, batchLabel: batchLabel(station, award.badgeId) }
              : {})
          },
          taken
        )
      )
    }
  }
  return extra.length > 0 ? [...items, ...extra] : [...items]
}

function commitOutbox(station: Station, items: NewEvent[]): void {
  if (items.length === 0) return
  station.journal.appendMany(items)
  station.bus.emit('data:changed', { domain: 'outbox' })
}

function views(station: Station, ids: readonly string[]): OutboxMessage[] {
  const view = deliveryView(station)
  return ids.flatMap((id) => {
    const v = view.message(id)
    return v ? [v] : []
  })
}

function liveAward(station: Station, awardId: string): AwardRecord {
  const record = station.awards.record(awardId)
  if (!record) fail('NOT_FOUND', `There is no award with id "${awardId}".`, { field: 'awardIds' })
  if (station.awards.isRevoked(awardId)) {
    fail('CONFLICT', `Award "${awardId}" was revoked: Kiln does not e-mail it.`, {
      field: 'awardIds'
    })
  }
  return record
}

/**
 * A message for each award that has none waiting, being sent or sent. Returns every award's
 * current message (new or existing).
 */
export function queueAwards(station: Station, awardIds: readonly string[]): OutboxMessage[] {
  station.requireInitialized()
  const outbox = station.outbox
  const taken = new Set<string>()
  const items: NewEvent[] = []
  const result: string[] = []
  for (const awardId of [...new Set(awardIds)]) {
    const record = liveAward(station, awardId)
    if (outbox.isCovered(awardId)) {
      const latest = outbox.latestOf(awardId)
      if (latest) result.push(latest)
      continue
    }
    const item = queuedItem(station, awardFields(record), taken)
    items.push(item)
    result.push(item.data.id)
  }
  commitOutbox(station, items)
  return views(station, result)
}

function requireMessage(station: Station, id: string): void {
  if (!station.outbox.has(id)) {
    fail('NOT_FOUND', `There is no message with id "${id}" in the outbox.`, { field: 'ids' })
  }
}

/** Failed messages go back in the queue (same Message-ID). */
export function retryMessages(
  station: Station,
  ids: readonly string[],
  operator?: string
): OutboxMessage[] {
  station.requireInitialized()
  const outbox = station.outbox
  for (const id of ids) {
    requireMessage(station, id)
    const state = outbox.state(id)
    if (state !== 'failed') {
      fail('CONFLICT', `Message "${id}" is ${state}; only failed messages can be retried.`, {
        field: 'ids'
      })
    }
    const awardId = outbox.queuedData(id)?.awardId ?? ''
    if (station.awards.isRevoked(awardId)) {
      fail('CONFLICT', `The award of message "${id}" was revoked: Kiln does not e-mail it.`, {
        field: 'ids'
      })
    }
  }
  const unique = [...new Set(ids)]
  commitOutbox(station, [
    {
      type: 'delivery.retried',
      data: { ids: unique, at: nowIso(), ...(operator ? { operator } : {}) }
    }
  ])
  return views(station, unique)
}

/**
 * Queued messages (and ones interrupted mid-send) are cancelled; anything the server already
 * has, or a run of this process is sending right now, cannot be.
 */
export function cancelMessages(
  station: Station,
  ids: readonly string[],
  inFlight: ReadonlySet<string>,
  operator?: string
): OutboxMessage[] {
  station.requireInitialized()
  const outbox = station.outbox
  for (const id of ids) {
    requireMessage(station, id)
    const state = outbox.state(id)
    const cancellable = state === 'queued' || (state === 'sending' && !inFlight.has(id))
    if (!cancellable) {
      fail('CONFLICT', `Message "${id}" is ${state}; it can no longer be cancelled.`, {
        field: 'ids'
      })
    }
  }
  const unique = [...new Set(ids)]
  commitOutbox(station, [
    {
      type: 'delivery.cancelled',
      data: {
        ids: unique,
        at: nowIso(),
        reason: 'cancelled by the operator',
        ...(operator ? { operator } : {})
      }
    }
  ])
  return views(station, unique)
}

/** A new message (new Message-ID) for the awards of sent, failed or cancelled messages. */
export function resendMessages(station: Station, ids: readonly string[]): OutboxMessage[] {
  station.requireInitialized()
  const outbox = station.outbox
  const taken = new Set<string>()
  const items: NewEvent[] = []
  const queuedIds: string[] = []
  const seenAwards = new Set<string>()
  for (const id of ids) {
    requireMessage(station, id)
    const state = outbox.state(id)
    if (state === 'queued' || state === 'sending') {
      fail('CONFLICT', `Message "${id}" is still ${state}; it has not left yet.`, { field: 'ids' })
    }
    const queued = outbox.queuedData(id)
    if (!queued || seenAwards.has(queued.awardId)) continue
    seenAwards.add(queued.awardId)
    const record = liveAward(station, queued.awardId)
    const item = queuedItem(station, awardFields(record, true), taken)
    items.push(item)
    queuedIds.push(item.data.id)
  }
  commitOutbox(station, items)
  return views(station, queuedIds)
}
