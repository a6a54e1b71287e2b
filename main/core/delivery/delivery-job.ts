/**
 * Sending runs as jobs: the one place delivery uses the station's job system (progress events,
 * cancel, jobs:get), so moving to another job system changes this file only. The run's report
 * is kept here for delivery:run.
 */
import type { DeliveryRun } from '../../../shared/methods/delivery.js'
import { fail, KilnFailure } from '../failure.js'
import { jobsOf } from '../jobs/job-registry.js'
import type { Station } from '../station/station.js'
import { runtimeOf } from './delivery-state.js'
import { deliver, type DeliverOptions } from './sender.js'

const runsByStation = new WeakMap<Station, Map<string, DeliveryRun>>()

function runsOf(station: Station): Map<string, DeliveryRun> {
  let runs = runsByStation.get(station)
  if (!runs) {
    runs = new Map()
    runsByStation.set(station, runs)
  }
  return runs
}

const EMPTY = { sent: [], failed: [], waiting: 0 } as const

/** Starts a sending run as a job and returns its id at once (CONFLICT while one is running). */
export function startDeliveryJob(
  station: Station,
  options: Omit<DeliverOptions, 'cancelled' | 'onProgress' | 'onPlan'>
): string {
  const runtime = runtimeOf(station)
  if (runtime.running) {
    fail('CONFLICT', 'Messages are being sent right now; wait for that run to finish.', {
      jobId: runtime.running.jobId
    })
  }
  const runs = runsOf(station)
  const jobs = jobsOf(station)
  const jobId = jobs.start('delivery:send', 0, async (control) => {
    const update = (patch: Partial<DeliveryRun>): void => {
      const current = runs.get(control.jobId)
      if (current) runs.set(control.jobId, { ...current, ...patch })
    }
    runtime.running = { jobId: control.jobId, done: 0, total: 0 }
    try {
      const outcome = await deliver(station, {
        ...options,
        cancelled: control.cancelled,
        onPlan: (total) => {
          runtime.running = { jobId: control.jobId, done: 0, total }
          update({ total })
          control.progress(0, total)
        },
        onProgress: (done, total) => {
          runtime.running = { jobId: control.jobId, done, total }
          update({ done, total })
          control.progress(done, total)
        }
      })
      update({
        report: outcome.report,
        repeated: outcome.repeated,
        state: control.cancelled() ? 'cancelled' : 'done',
        ...(outcome.stopped
          ? {
              error: {
                code: outcome.stopped.kind === 'offline' ? 'OFFLINE' : 'MAIL_REFUSED',
                message: outcome.stopped.message
              }
            }
          : {})
      })
      return undefined
    } catch (error) {
      const known = error instanceof KilnFailure
      update({
        state: 'failed',
        error: {
          code: known ? error.code : 'INTERNAL',
          message: known
            ? error.message
            : 'The sending run failed unexpectedly; see the station log.'
        }
      })
      throw error
    } finally {
      runtime.running = undefined
    }
  })
  runs.set(jobId, { jobId, state: 'running', done: 0, total: 0, report: EMPTY, repeated: [] })
  return jobId
}

export function deliveryRun(station: Station, jobId: string): DeliveryRun {
  const run = runsOf(station).get(jobId)
  if (!run) fail('NOT_FOUND', `There is no sending run "${jobId}".`, { field: 'jobId' })
  return run
}

/** Resolves when the run has ended (for the CLI and tests). */
export async function waitForDeliveryJob(station: Station, jobId: string): Promise<DeliveryRun> {
  await jobsOf(station).wait(jobId)
  return deliveryRun(station, jobId)
}
