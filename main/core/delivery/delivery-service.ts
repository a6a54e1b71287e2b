/**
 * Delivery's part of a station (one field of Station, built with the others): what this process
 * knows about sending beyond the journal (messages in flight, whether the server could be reached,
 * the pace of the rate per minute, carried from one run to the next), the mail server's
 * certificate trust (first use read once and pinned through the queue), the site-readiness cache,
 * and, in long-lived hosts, the background sender. The outbox and the imported badges are
 * projections of the journal (Station.outbox, Station.importedBadges).
 */
import type { JobState } from '../../../shared/methods/jobs.js'
import type { Station } from '../station/station.js'
import type { StationService } from '../station/service.js'
import { startAutoSender } from './auto-sender.js'
import { DeliveryRuntime } from './delivery-state.js'
import { startDeliveryJob } from './delivery-job.js'
import type { DeliverOptions } from './sender.js'
import { SiteReadiness } from './site-readiness.js'
import { SmtpTrust } from './smtp-trust.js'

export class DeliveryService implements StationService {
  readonly runtime = new DeliveryRuntime()
  /** Connections to the mail server that Kiln trusts (smtp-trust.ts). */
  readonly trust: SmtpTrust
  readonly #station: Station
  readonly #readiness: SiteReadiness
  #stopAutoSender: (() => void) | undefined

  constructor(station: Station) {
    this.#station = station
    this.trust = new SmtpTrust(station)
    this.#readiness = new SiteReadiness(station)
  }

  /** A predicate over award ids: true once the award's credential is on the site. */
  siteReadiness(): (awardId: string) => boolean {
    return this.#readiness.predicate()
  }

  /** Starts a sending run (a 'delivery:send' job); CONFLICT while one runs. */
  start(options: Omit<DeliverOptions, 'cancelled' | 'onProgress' | 'onPlan'>): string {
    return startDeliveryJob(this.#station, options)
  }

  /** The sending run in progress, if any. */
  running(): JobState | undefined {
    return this.#station.jobs.list({ kind: 'delivery:send', state: 'running' })[0]
  }

  /** Due messages leave by themselves while a long-lived host holds the station. */
  opened(): void {
    if (this.#station.longLived && !this.#stopAutoSender) {
      this.#stopAutoSender = startAutoSender(this.#station)
    }
  }

  /** No new run starts once the station closes (the running one is cancelled by the jobs). */
  async settle(): Promise<void> {
    this.#stopAutoSender?.()
    this.#stopAutoSender = undefined
  }

  close(): void {
    this.#stopAutoSender?.()
    this.#stopAutoSender = undefined
    this.trust.close()
  }
}
