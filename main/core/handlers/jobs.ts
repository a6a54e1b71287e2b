/** Handlers of long jobs. */
import { ok } from '../../../shared/result.js'
import type { JobResults } from '../../../shared/methods/jobs.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { jobsOf } from '../jobs/job-registry.js'

export function jobHandlers(station: Station): Pick<Handlers, keyof JobResults> {
  return {
    'jobs:get': async (input) => ok(jobsOf(station).get(input.jobId)),
    'jobs:cancel': async (input) => ok(jobsOf(station).cancel(input.jobId))
  }
}
