/**
 * What this process knows about sending beyond the journal: which messages a run is sending
 * right now, whether the mail server could last be reached and when the next message may leave
 * under the rate (DeliveryRuntime, kept by the station's delivery service; the run in progress is
 * a 'delivery:send' job). With the journal's
 * outbox it answers every question the UI and the CLI ask about a message.
 */
import type {
  AwardDelivery,
  OutboxMessage,
  OutboxSummary
} from '../../../shared/methods/delivery.js'
import type { Station } from '../station/station.js'
import { isConfigured, readMailSettings, waitsForSite } from './mail-settings.js'
import type { WaitContext } from './outbox.js'
import type { PaceClock } from './pacer.js'

export class DeliveryRuntime {
  /** Message ids handed to the transport by a run of this process and not yet settled. */
  readonly inFlight = new Set<string>()
  offlineSince: string | undefined
  offlineReason: string | undefined
  /** When the next message may leave under the rate per minute (pacer.ts); kept across runs. */
  readonly pace: PaceClock = { nextSlotAt: 0 }

  markOffline(reason: string): void {
    this.offlineSince ??= new Date().toISOString()
    this.offlineReason = reason
  }

  markOnline(): void {
    this.offlineSince = undefined
    this.offlineReason = undefined
  }
}

export function waitContext(station: Station): WaitContext {
  const settings = readMailSettings(station)
  const runtime = station.delivery.runtime
  return {
    configured: isConfigured(settings),
    waitForSite: waitsForSite(settings),
    onSite: station.delivery.siteReadiness(),
    offline: runtime.offlineSince !== undefined,
    inFlight: runtime.inFlight,
    now: Date.now()
  }
}

/** Views of messages with the current wait context (computed once per call). */
export function deliveryView(station: Station): {
  message(id: string, withHistory?: boolean): OutboxMessage | undefined
  ctx: WaitContext
} {
  const ctx = waitContext(station)
  const outbox = station.outbox
  return { ctx, message: (id, withHistory = false) => outbox.view(id, ctx, withHistory) }
}

export function outboxSummary(station: Station): OutboxSummary {
  const ctx = waitContext(station)
  const runtime = station.delivery.runtime
  const outbox = station.outbox
  const running = station.delivery.running()
  return {
    counts: outbox.counts(ctx),
    configured: ctx.configured,
    ...(running
      ? { running: { jobId: running.jobId, done: running.done, total: running.total } }
      : {}),
    ...(runtime.offlineSince ? { offlineSince: runtime.offlineSince } : {}),
    ...(runtime.offlineReason ? { offlineReason: runtime.offlineReason } : {}),
    interrupted: outbox.interrupted(runtime.inFlight)
  }
}

/** The newest message of each award that has one. */
export function deliveriesOf(station: Station, awardIds: readonly string[]): AwardDelivery[] {
  const { message } = deliveryView(station)
  const outbox = station.outbox
  const out: AwardDelivery[] = []
  for (const awardId of awardIds) {
    const id = outbox.latestOf(awardId)
    const m = id ? message(id) : undefined
    if (!m) continue
    out.push({
      awardId,
      id: m.id,
      messageId: m.messageId,
      state: m.state,
      ...(m.waiting ? { waiting: m.waiting } : {}),
      ...(m.interrupted ? { interrupted: true } : {}),
      ...(m.lastError ? { lastError: m.lastError } : {}),
      ...(m.sentAt ? { sentAt: m.sentAt } : {})
    })
  }
  return out
}
