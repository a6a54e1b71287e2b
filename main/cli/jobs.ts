/**
 * The CLI starts a long job through the contract and waits for it: progress comes from the bus
 * ('job:progress'), the end from 'job:finished', the final state from jobs:get. Ctrl-C cancels
 * the job (what it committed stays).
 */
import type { JobKind, JobState } from '../../shared/methods/jobs.js'
import type { Core } from '../core/create-core.js'
import { call } from './context.js'

export type JobWatch = Readonly<{
  json: boolean
  onProgress?: (done: number, total: number, phase?: string) => void
  /** Said on stderr when Ctrl-C cancels the job. */
  cancelNote?: string
}>

export async function waitForJob<K extends JobKind>(
  core: Core,
  kind: K,
  start: () => Promise<string>,
  watch: JobWatch
): Promise<Extract<JobState, { kind: K }>> {
  let jobId = ''
  let off = (): void => undefined
  const finished = new Promise<void>((resolve) => {
    off = core.bus.subscribe((event) => {
      if (event.name === 'job:progress' && event.payload.jobId === jobId) {
        watch.onProgress?.(event.payload.done, event.payload.total, event.payload.phase)
      }
      if (event.name === 'job:finished' && event.payload.jobId === jobId) resolve()
    })
  })
  try {
    jobId = await start()
  } catch (error) {
    off()
    throw error
  }
  const onSigint = (): void => {
    if (watch.cancelNote) process.stderr.write(`\n${watch.cancelNote}\n`)
    void core.dispatch('jobs:cancel', { jobId }, { host: 'cli' })
  }
  process.once('SIGINT', onSigint)
  try {
    // The job may have ended before the subscription saw its id: jobs:get is the truth.
    const now = await call(core, 'jobs:get', { jobId }, watch.json)
    if (now.state === 'running') await finished
  } finally {
    off()
    process.off('SIGINT', onSigint)
  }
  const state = await call(core, 'jobs:get', { jobId }, watch.json)
  if (!ofKind(state, kind)) throw new Error(`job ${jobId} is not a ${kind} job`)
  return state
}

// shared/methods/jobs.ts's isJobOfKind, without loading the contract's schemas at start-up.
function ofKind<K extends JobKind>(job: JobState, kind: K): job is Extract<JobState, { kind: K }> {
  return job.kind === kind
}
