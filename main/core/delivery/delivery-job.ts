/**
 * Sending runs as jobs of the station's job system (kind 'delivery:send'): progress events,
 * cancel, jobs:get with the run's report as the job's result. One run at a time.
 */
import type { DeliverySummary } from '../../../shared/methods/delivery.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import { deliver, type DeliverOptions } from './sender.js'

/** Starts a sending run as a job and returns its id at once (CONFLICT while one is running). */
export function startDeliveryJob(
  station: Station,
  options: Omit<DeliverOptions, 'cancelled' | 'onProgress' | 'onPlan'>
): string {
  const running = station.delivery.running()
  if (running) {
    fail('CONFLICT', 'Messages are being sent right now; wait for that run to finish.', {
      jobId: running.jobId
    })
  }
  return station.jobs.start('delivery:send', { total: 0, exclusive: true }, async (control) => {
    const outcome = await deliver(station, {
      ...options,
      cancelled: control.cancelled,
      onPlan: (total) => control.progress(0, total),
      onProgress: (done, total) => control.progress(done, total)
    })
    const summary: DeliverySummary = {
      report: outcome.report,
      waitingForSite: outcome.waitingForSite,
      repeated: outcome.repeated,
      ...(outcome.stopped
        ? {
            stopped: {
              code: outcome.stopped.kind === 'offline' ? 'OFFLINE' : 'MAIL_REFUSED',
              message: outcome.stopped.message
            }
          }
        : {})
    }
    return summary
  })
}
