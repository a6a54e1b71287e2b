/** Handlers of long jobs (every kind: batch awards, certificates, bundle exports…). */
import { ok } from '../../../shared/result.js'
import type { JobResults } from '../../../shared/methods/jobs.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'

export function jobHandlers(station: Station): Pick<Handlers, keyof JobResults> {
  return {
    'jobs:get': async (input) => ok(station.jobs.get(input.jobId)),
    'jobs:list': async (input) => ok({ jobs: station.jobs.list(input) }),
    'jobs:cancel': async (input) => ok(station.jobs.cancel(input.jobId))
  }
}
