/**
 * The outbox, as the journal tells it: every message with its state and history, rebuilt at open
 * and kept current on every append (fed by Station.openJournal's onEntry, like the award ledger).
 * States: queued → sending → sent | queued again (deferred) | failed; queued → cancelled;
 * failed → queued (retried). A message still "sending" when no run of this process holds it was
 * in flight when the station stopped: it may have arrived, so it is reported as interrupted.
 */
import type {
  DeliveryError,
  MessageEvent,
  MessageState,
  OutboxBatch,
  OutboxCounts,
  OutboxMessage,
  WaitReason
} from '../../../shared/methods/delivery.js'
import type { JournalEntry } from '../journal/registry.js'
import { KeptEntriesProjection } from '../journal/kept-entries.js'
import type { DeliveryQueuedData } from '../journal/events/delivery.js'
import { foldText } from '../csv/columns.js'

type Row = {
  queued: DeliveryQueuedData
  state: MessageState
  attempts: number
  lastError?: DeliveryError
  nextAttemptAt?: string
  sentAt?: string
  response?: string
  history: MessageEvent[]
}

/** What decides why a queued message waits (computed when asked, not stored). */
export type WaitContext = Readonly<{
  configured: boolean
  waitForSite: boolean
  onSite: (awardId: string) => boolean
  offline: boolean
  /** Message ids a run of this process is sending right now. */
  inFlight: ReadonlySet<string>
  now: number
}>

export type OutboxQuery = Readonly<{
  state?: MessageState
  badgeId?: string
  batchId?: string
  query?: string
  limit?: number
  offset?: number
}>

export class Outbox extends KeptEntriesProjection {
  readonly checkpointKey = 'outbox'
  private readonly rows = new Map<string, Row>()
  private readonly order: string[] = []
  private readonly byAward = new Map<string, string[]>()
  private readonly batches = new Map<string, { label: string; messages: number }>()

  protected keeps(e: JournalEntry): boolean {
    return e.type.startsWith('delivery.')
  }

  protected applyEntry(entry: JournalEntry): void {
    this.kept.keep(entry)
    switch (entry.type) {
      case 'delivery.queued': {
        const q = entry.data
        if (this.rows.has(q.id)) return
        this.rows.set(q.id, {
          queued: q,
          state: 'queued',
          attempts: 0,
          history: [{ at: q.queuedAt, event: 'queued', ...kindDetail(q) }]
        })
        this.order.push(q.id)
        const list = this.byAward.get(q.awardId)
        if (list) list.push(q.id)
        else this.byAward.set(q.awardId, [q.id])
        if (q.batchId) {
          const batch = this.batches.get(q.batchId) ?? {
            label: q.batchLabel ?? q.batchId,
            messages: 0
          }
          batch.messages++
          this.batches.set(q.batchId, batch)
        }
        return
      }
      case 'delivery.sending': {
        const s = entry.data
        for (const id of s.ids) {
          const row = this.rows.get(id)
          if (!row) continue
          row.state = 'sending'
          row.attempts++
          row.history.push({ at: s.at, event: 'sending' })
        }
        return
      }
      case 'delivery.sent': {
        const s = entry.data
        const row = this.rows.get(s.id)
        if (!row) return
        row.state = 'sent'
        row.sentAt = s.at
        if (s.response) row.response = s.response
        delete row.lastError
        delete row.nextAttemptAt
        row.history.push({ at: s.at, event: 'sent', ...(s.response ? { detail: s.response } : {}) })
        return
      }
      case 'delivery.deferred': {
        const d = entry.data
        const row = this.rows.get(d.id)
        if (!row || row.state === 'sent') return
        row.state = 'queued'
        row.lastError = d.error
        row.nextAttemptAt = d.retryAt
        row.history.push({ at: d.at, event: 'deferred', detail: d.error.message })
        return
      }
      case 'delivery.failed': {
        const f = entry.data
        const row = this.rows.get(f.id)
        if (!row || row.state === 'sent') return
        row.state = 'failed'
        row.lastError = f.error
        delete row.nextAttemptAt
        row.history.push({ at: f.at, event: 'failed', detail: f.error.message })
        return
      }
      case 'delivery.cancelled': {
        const c = entry.data
        for (const id of c.ids) {
          const row = this.rows.get(id)
          if (!row || row.state === 'sent') continue
          row.state = 'cancelled'
          delete row.nextAttemptAt
          row.history.push({ at: c.at, event: 'cancelled', detail: c.reason })
        }
        return
      }
      case 'delivery.retried': {
        const r = entry.data
        for (const id of r.ids) {
          const row = this.rows.get(id)
          if (!row || row.state !== 'failed') continue
          row.state = 'queued'
          delete row.nextAttemptAt
          row.history.push({ at: r.at, event: 'retried' })
        }
        return
      }
    }
  }

  get size(): number {
    return this.rows.size
  }

  has(id: string): boolean {
    return this.rows.has(id)
  }

  state(id: string): MessageState | undefined {
    return this.rows.get(id)?.state
  }

  queuedData(id: string): DeliveryQueuedData | undefined {
    return this.rows.get(id)?.queued
  }

  /** When a deferred message may be tried again. */
  nextAttemptOf(id: string): string | undefined {
    const row = this.rows.get(id)
    return row?.state === 'queued' ? row.nextAttemptAt : undefined
  }

  /** Message ids of an award, oldest first. */
  messagesOf(awardId: string): readonly string[] {
    return this.byAward.get(awardId) ?? []
  }

  /** The newest message of an award. */
  latestOf(awardId: string): string | undefined {
    return this.byAward.get(awardId)?.at(-1)
  }

  /** Messages of the award not yet handed to a server (queued): what a revocation cancels. */
  unsentOf(awardId: string): string[] {
    return this.messagesOf(awardId).filter((id) => this.rows.get(id)?.state === 'queued')
  }

  /** Whether an award has a message waiting, being sent or sent (so another is not queued). */
  isCovered(awardId: string): boolean {
    return this.messagesOf(awardId).some((id) => {
      const state = this.rows.get(id)?.state
      return state === 'queued' || state === 'sending' || state === 'sent'
    })
  }

  wasSent(awardId: string): boolean {
    return this.messagesOf(awardId).some((id) => this.rows.get(id)?.state === 'sent')
  }

  /** Queued (or interrupted) messages, oldest first. */
  due(inFlight: ReadonlySet<string>): string[] {
    return this.order.filter((id) => {
      const state = this.rows.get(id)?.state
      return state === 'queued' || (state === 'sending' && !inFlight.has(id))
    })
  }

  /** Messages marked as sending that no run of this process holds: the station stopped mid-send. */
  interrupted(inFlight: ReadonlySet<string>): string[] {
    return this.order.filter((id) => this.rows.get(id)?.state === 'sending' && !inFlight.has(id))
  }

  waitReason(id: string, ctx: WaitContext): WaitReason | undefined {
    const row = this.rows.get(id)
    if (!row || row.state !== 'queued') return undefined
    if (!ctx.configured) return 'setup'
    if (ctx.waitForSite && !ctx.onSite(row.queued.awardId)) return 'site'
    if (ctx.offline || row.lastError?.kind === 'offline') return 'connection'
    if (row.nextAttemptAt && Date.parse(row.nextAttemptAt) > ctx.now) return 'retry'
    return undefined
  }

  view(id: string, ctx: WaitContext, withHistory = false): OutboxMessage | undefined {
    const row = this.rows.get(id)
    if (!row) return undefined
    const q = row.queued
    const waiting = this.waitReason(id, ctx)
    const interrupted = row.state === 'sending' && !ctx.inFlight.has(id)
    return {
      id: q.id,
      messageId: q.messageId,
      awardId: q.awardId,
      badgeId: q.badgeId,
      email: q.email,
      name: q.name,
      kind: q.kind,
      ...(q.replacesAwardId ? { replacesAwardId: q.replacesAwardId } : {}),
      ...(q.batchId ? { batchId: q.batchId } : {}),
      state: row.state,
      ...(waiting ? { waiting } : {}),
      ...(interrupted ? { interrupted } : {}),
      attempts: row.attempts,
      ...(row.lastError ? { lastError: row.lastError } : {}),
      ...(row.nextAttemptAt && row.state === 'queued' ? { nextAttemptAt: row.nextAttemptAt } : {}),
      queuedAt: q.queuedAt,
      ...(row.sentAt ? { sentAt: row.sentAt } : {}),
      ...(row.response ? { response: row.response } : {}),
      ...(withHistory ? { history: [...row.history] } : {})
    }
  }

  /** Newest first; total counts matches before limit/offset. */
  query(q: OutboxQuery, ctx: WaitContext): { messages: OutboxMessage[]; total: number } {
    const words = foldText(q.query ?? '')
      .split(/\s+/)
      .filter((w) => w !== '')
    const offset = q.offset ?? 0
    const limit = q.limit ?? Number.POSITIVE_INFINITY
    const messages: OutboxMessage[] = []
    let total = 0
    for (let i = this.order.length - 1; i >= 0; i--) {
      const id = this.order[i] ?? ''
      const row = this.rows.get(id)
      if (!row) continue
      if (q.state && row.state !== q.state) continue
      if (q.badgeId && row.queued.badgeId !== q.badgeId) continue
      if (q.batchId && row.queued.batchId !== q.batchId) continue
      if (words.length > 0) {
        const hay = foldText(
          `${row.queued.name}\n${row.queued.email}\n${row.queued.awardId}\n${row.queued.badgeId}`
        )
        if (!words.every((w) => hay.includes(w))) continue
      }
      total++
      if (total > offset && messages.length < limit) {
        const view = this.view(id, ctx)
        if (view) messages.push(view)
      }
    }
    return { messages, total }
  }

  counts(ctx: WaitContext): OutboxCounts {
    const counts = {
      queued: 0,
      sending: 0,
      sent: 0,
      failed: 0,
      cancelled: 0,
      waitingForSite: 0,
      waitingForConnection: 0,
      interrupted: 0
    }
    for (const [id, row] of this.rows) {
      counts[row.state]++
      if (row.state === 'sending' && !ctx.inFlight.has(id)) counts.interrupted++
      if (row.state === 'queued') {
        const reason = this.waitReason(id, ctx)
        if (reason === 'site') counts.waitingForSite++
        else if (reason === 'connection') counts.waitingForConnection++
      }
    }
    return counts
  }

  batchList(): OutboxBatch[] {
    return [...this.batches].map(([id, b]) => ({ id, label: b.label, messages: b.messages }))
  }
}

function kindDetail(q: DeliveryQueuedData): { detail?: string } {
  if (q.kind === 'reissue' && q.replacesAwardId) {
    return { detail: `replaces the credential of award ${q.replacesAwardId}` }
  }
  if (q.kind === 'resend') return { detail: 'sent again at the operator’s request' }
  return {}
}
