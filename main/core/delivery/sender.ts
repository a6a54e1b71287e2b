/**
 * A sending run: the due messages (queued, or interrupted by a stop mid-send), minus those whose
 * credential is not on the site yet (unless "now"), go through one pooled connection set, at
 * most as fast as the rate per minute of the settings allows (pacer.ts: evenly, one by one).
 *
 * Never twice: a message is handed to the transport only after a `delivery.sending` mark naming
 * it is fsynced, and at most a window of messages (two per connection) is marked at a time. A
 * crash can therefore repeat only messages marked and not yet settled in the journal; the next
 * run sends those again (same Message-ID) and says which they were. Outcomes are written in the
 * same group commit as the next marks, so the journal is written a few times per window, not
 * twice per message; each write takes the station's mutation queue (a revocation that cancels a
 * message is ordered with the marks). Temporary failures (4xx, dropped connections) are retried with backoff;
 * permanent ones (5xx) fail the message with the server's reason; an unreachable server stops
 * the run and the messages wait for a connection.
 */
import type { DeliverReport, DeliveryError } from '../../../shared/methods/delivery.js'
import { fail, KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import type { Station } from '../station/station.js'
import type { NewEvent } from '../journal/registry.js'
import { Composer, type ComposedMessage } from './compose.js'
import { readMailSettings, smtpAccess, waitsForSite, type SmtpAccess } from './mail-settings.js'
import { Pacer } from './pacer.js'
import { messageIdFor, queueAwards } from './queue.js'
import { classifyFailure, createPool, mailOptions, responseOf, type SmtpTransport } from './smtp.js'

export type RetryPolicy = Readonly<{
  /** Attempts of one message within a run (the first included). */
  attempts: number
  /** Wait before the 2nd attempt; each later wait is 4× the one before. */
  baseMs: number
}>

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseMs: 2_000 }
/** When a message that ran out of attempts in a run may be tried again by a later run. */
const LATER_MS = 15 * 60_000

export type DeliverOptions = Readonly<{
  /** Only these awards (a message is queued for any that has none). */
  awardIds?: readonly string[]
  /** Send without waiting for the site. */
  now?: boolean
  /** The background sender honours the retry times of deferred messages; an operator's run does not. */
  respectRetryTimes?: boolean
  retry?: RetryPolicy
  cancelled?: () => boolean
  onProgress?: (done: number, total: number) => void
  /** Called once the run knows what it will send (before anything is sent). */
  onPlan?: (total: number) => void
}>

export type DeliverOutcome = Readonly<{
  report: DeliverReport
  /** Of report.waiting, the messages whose credential is not on the site yet. */
  waitingForSite: number
  /** Messages sent again because they were in flight when the station stopped. */
  repeated: readonly string[]
  /** Why the run stopped early (offline, refused login), if it did. */
  stopped?: DeliveryError
}>

type Selection = Readonly<{
  due: string[]
  ready: string[]
  /** Of the due ones, how many wait because their credential is not on the site yet. */
  forSite: number
}>

function awardFilter(
  awardIds: readonly string[] | undefined
): ((a: string) => boolean) | undefined {
  if (!awardIds) return undefined
  const set = new Set(awardIds)
  return (a) => set.has(a)
}

function select(station: Station, options: DeliverOptions): Selection {
  const outbox = station.outbox
  const runtime = station.delivery.runtime
  const onSite = station.delivery.siteReadiness()
  const wait = waitsForSite(readMailSettings(station)) && options.now !== true
  const only = awardFilter(options.awardIds)
  const now = Date.now()
  const due = outbox.due(runtime.inFlight).filter((id) => {
    const awardId = outbox.queuedData(id)?.awardId ?? ''
    return (!only || only(awardId)) && !station.awards.isRevoked(awardId)
  })
  let forSite = 0
  const ready = due.filter((id) => {
    const awardId = outbox.queuedData(id)?.awardId ?? ''
    if (wait && !onSite(awardId)) {
      forSite++
      return false
    }
    if (options.respectRetryTimes) {
      const next = outbox.nextAttemptOf(id)
      if (next && Date.parse(next) > now) return false
    }
    return true
  })
  return { due, ready, forSite }
}

/** How many messages a run with these options would send now. */
export function readyCount(station: Station, options: DeliverOptions = {}): number {
  return select(station, options).ready.length
}

/** The report's "waiting" (every due message not sent) and how many of those wait for the site. */
function waitingCounts(
  station: Station,
  options: DeliverOptions
): { waiting: number; waitingForSite: number } {
  const { due, forSite } = select(station, options)
  return { waiting: due.length, waitingForSite: forSite }
}

/** What a run would send now, without sending or writing anything (kiln deliver --dry-run). */
export function planDelivery(station: Station, options: DeliverOptions): DeliverReport {
  station.requireInitialized()
  const outbox = station.outbox
  const sent: Array<{ award: string; email: string; messageId: string }> = []
  const wait = waitsForSite(readMailSettings(station)) && options.now !== true
  const onSite = station.delivery.siteReadiness()
  let waiting = 0
  const { due, ready } = select(station, options)
  for (const id of ready) {
    const q = outbox.queuedData(id)
    if (q) sent.push({ award: q.awardId, email: q.email, messageId: q.messageId })
  }
  waiting += due.length - ready.length
  // Awards named without a message would get one (the same id a real run gives them).
  for (const awardId of new Set(options.awardIds ?? [])) {
    const record = station.awards.record(awardId)
    if (!record) fail('NOT_FOUND', `There is no award with id "${awardId}".`, { field: 'award' })
    if (station.awards.isRevoked(awardId) || outbox.isCovered(awardId)) continue
    const n = outbox.messagesOf(awardId).length + 1
    const id = n === 1 ? awardId : `${awardId}.r${n}`
    if (wait && !onSite(awardId)) waiting++
    else {
      sent.push({
        award: awardId,
        email: record.recipientEmail,
        messageId: messageIdFor(station, id)
      })
    }
  }
  return { sent, failed: [], waiting }
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/** Sends the due messages; returns the report (see the module comment). */
export async function deliver(
  station: Station,
  options: DeliverOptions = {}
): Promise<DeliverOutcome> {
  station.requireInitialized()
  const awardIds = options.awardIds
  if (awardIds && awardIds.length > 0) {
    await station.queue.run(() => queueAwards(station, awardIds))
  }
  const access = smtpAccess(station)
  const runtime = station.delivery.runtime
  const outbox = station.outbox
  const { ready } = select(station, options)
  const repeated = ready.filter((id) => outbox.state(id) === 'sending')
  options.onPlan?.(ready.length)
  if (ready.length === 0) {
    const { waiting, waitingForSite } = waitingCounts(station, options)
    return { report: { sent: [], failed: [], waiting }, waitingForSite, repeated }
  }

  let transport: SmtpTransport
  try {
    transport = (await station.delivery.trust.connect(access, createPool)).transport
  } catch (error) {
    if (error instanceof KilnFailure) throw error
    const failure = classifyFailure(error)
    if (failure.kind === 'setup') fail('MAIL_REFUSED', failure.message, { reason: failure.message })
    runtime.markOffline(failure.message)
    station.bus.emit('data:changed', { domain: 'outbox' })
    const { waiting, waitingForSite } = waitingCounts(station, options)
    return {
      report: { sent: [], failed: [], waiting },
      waitingForSite,
      repeated: [],
      stopped: failure
    }
  }
  runtime.markOnline()
  if (repeated.length > 0) {
    logger.warn(
      `sending again ${repeated.length} message(s) that were in flight when the station stopped: ${repeated.join(', ')}`
    )
  }
  try {
    return await new Run(station, transport, access, options, ready, repeated).go()
  } finally {
    transport.close()
    station.bus.emit('data:changed', { domain: 'outbox' })
  }
}

class Run {
  private readonly sent: Array<{ award: string; email: string; messageId: string }> = []
  private readonly failed: Array<{ award: string; email: string; reason: string }> = []
  private readonly queue: string[]
  /** Messages waiting for their retry time within this run: id → time. */
  private readonly later = new Map<string, number>()
  private readonly attempts = new Map<string, number>()
  private readonly pending: NewEvent[] = []
  /** Settled in the transport, outcome not yet in the journal. */
  private readonly settled: string[] = []
  private readonly running = new Set<Promise<void>>()
  private readonly composer: Composer
  private readonly window: number
  private readonly retry: RetryPolicy
  private readonly pacer: Pacer | undefined
  private stopped: DeliveryError | undefined
  private done = 0
  private wake: (() => void) | undefined

  constructor(
    private readonly station: Station,
    private readonly transport: SmtpTransport,
    access: SmtpAccess,
    private readonly options: DeliverOptions,
    ready: readonly string[],
    private readonly repeated: readonly string[]
  ) {
    this.queue = [...ready]
    this.composer = new Composer(station)
    this.window = Math.max(2, access.connections * 2)
    this.retry = options.retry ?? DEFAULT_RETRY
    this.pacer = access.ratePerMinute
      ? new Pacer(access.ratePerMinute, station.delivery.runtime.pace)
      : undefined
  }

  private get total(): number {
    return this.done + this.queue.length + this.later.size + this.running.size
  }

  async go(): Promise<DeliverOutcome> {
    const runtime = this.station.delivery.runtime
    try {
      for (;;) {
        const halted = this.stopped !== undefined || this.options.cancelled?.() === true
        if (halted) {
          this.queue.length = 0
          this.later.clear()
        }
        this.promoteDue()
        const free = this.window - this.running.size
        // Under a rate, one message at a time, when its slot has come; else a half window at once.
        const refill =
          !halted &&
          this.queue.length > 0 &&
          (this.pacer
            ? free > 0 && this.pacer.waitMs() === 0
            : free >= Math.ceil(this.window / 2) || this.running.size === 0)
        if (refill) await this.launch(this.pacer ? 1 : free)
        else if (this.pending.length > 0 && this.running.size === 0) await this.flush([])
        if (this.running.size === 0 && this.queue.length === 0 && this.later.size === 0) break
        await this.nextEvent()
      }
    } finally {
      await this.flush([])
      for (const id of this.settled.splice(0)) runtime.inFlight.delete(id)
    }
    const { waiting, waitingForSite } = waitingCounts(this.station, this.options)
    const report: DeliverReport = { sent: this.sent, failed: this.failed, waiting }
    return {
      report,
      waitingForSite,
      repeated: this.repeated,
      ...(this.stopped ? { stopped: this.stopped } : {})
    }
  }

  /** Retries whose time has come join the queue. */
  private promoteDue(): void {
    const now = Date.now()
    for (const [id, at] of this.later) {
      if (at <= now) {
        this.later.delete(id)
        this.queue.push(id)
      }
    }
  }

  private nextEvent(): Promise<void> {
    const waits: Promise<void>[] = [...this.running]
    if (this.later.size > 0) {
      const soonest = Math.min(...this.later.values())
      waits.push(sleep(soonest - Date.now()))
    }
    const paced = this.pacer?.waitMs() ?? 0
    if (this.queue.length > 0 && paced > 0) waits.push(sleep(paced))
    if (waits.length === 0) return Promise.resolve()
    return new Promise<void>((resolve) => {
      this.wake = resolve
      void Promise.race(waits).then(resolve)
    })
  }

  /** Journal the outcomes so far plus `marks`, in one commit (in the station's queue). */
  private async flush(marks: string[]): Promise<void> {
    const items: NewEvent[] = this.pending.splice(0)
    if (marks.length > 0) {
      items.push({
        type: 'delivery.sending',
        data: { ids: marks, at: new Date().toISOString(), run: 'run' }
      })
    }
    if (items.length === 0) return
    const station = this.station
    await station.queue.run(() => station.journal.appendMany(items))
    const runtime = this.station.delivery.runtime
    for (const id of this.settled.splice(0)) runtime.inFlight.delete(id)
    this.station.bus.emit('data:changed', { domain: 'outbox' })
  }

  private async launch(free: number): Promise<void> {
    const batch: ComposedMessage[] = []
    while (batch.length < free) {
      const id = this.queue.shift()
      if (id === undefined) break
      try {
        batch.push(await this.composer.compose(id))
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        this.recordFailure(id, {
          kind: 'permanent',
          message: `The message could not be made: ${reason}`
        })
      }
    }
    if (batch.length === 0) return
    const runtime = this.station.delivery.runtime
    // Durable before the transport sees them: this is what bounds a crash's repeats.
    await this.flush(batch.map((m) => m.id))
    for (const message of batch) {
      this.pacer?.take()
      runtime.inFlight.add(message.id)
      this.attempts.set(message.id, (this.attempts.get(message.id) ?? 0) + 1)
      const task: Promise<void> = this.transport
        .sendMail(mailOptions(message))
        .then(
          (info: unknown) => this.recordSent(message, responseOf(info)),
          (error: unknown) => this.recordError(message, classifyFailure(error))
        )
        .finally(() => {
          this.running.delete(task)
          this.settled.push(message.id)
          this.done++
          this.options.onProgress?.(this.done, this.total)
          this.wake?.()
        })
      this.running.add(task)
    }
  }

  private recordSent(message: ComposedMessage, response: string): void {
    this.pending.push({
      type: 'delivery.sent',
      data: { id: message.id, at: new Date().toISOString(), ...(response ? { response } : {}) }
    })
    this.sent.push({
      award: message.awardId,
      email: message.to.address,
      messageId: message.messageId
    })
  }

  private recordFailure(id: string, error: DeliveryError): void {
    const q = this.station.outbox.queuedData(id)
    this.pending.push({
      type: 'delivery.failed',
      data: { id, at: new Date().toISOString(), error }
    })
    this.failed.push({ award: q?.awardId ?? id, email: q?.email ?? '', reason: error.message })
    this.done++
  }

  private recordError(message: ComposedMessage, error: DeliveryError): void {
    if (error.kind === 'permanent') {
      this.pending.push({
        type: 'delivery.failed',
        data: { id: message.id, at: new Date().toISOString(), error }
      })
      this.failed.push({ award: message.awardId, email: message.to.address, reason: error.message })
      return
    }
    const attempt = this.attempts.get(message.id) ?? 1
    const again = error.kind === 'temporary' && attempt < this.retry.attempts
    const delay = again ? this.retry.baseMs * 4 ** (attempt - 1) : LATER_MS
    const retryAt = Date.now() + delay
    this.pending.push({
      type: 'delivery.deferred',
      data: {
        id: message.id,
        at: new Date().toISOString(),
        error,
        retryAt: new Date(retryAt).toISOString()
      }
    })
    if (again) this.later.set(message.id, retryAt)
    if (error.kind === 'offline' || error.kind === 'setup') {
      this.stopped ??= error
      if (error.kind === 'offline') this.station.delivery.runtime.markOffline(error.message)
    }
  }
}
