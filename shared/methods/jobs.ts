/**
 * Contract methods of long jobs (batch awards).
 *
 * CONTRACT (stable):
 * jobs:get {jobId} → JobState {jobId, kind, state: running|done|failed|cancelled, done, total,
 *   startedAt, finishedAt?, result?: BatchReport, error?}. Jobs are kept in memory until close.
 * jobs:cancel {jobId} → JobState. The job stops after the chunk being written; everything
 *   journaled before stays (state 'cancelled'). Cancelling a finished job returns it unchanged.
 * Events: 'job:progress' {jobId, done, total, phase?} at least every 250 ms while running;
 *   'job:finished' {jobId, ok, error?} once.
 */
import { z } from 'zod'
import type { JobState } from '../types.js'

const jobId = z.strictObject({ jobId: z.string().trim().min(1).max(200) })

export const jobMethods = {
  'jobs:get': jobId,
  'jobs:cancel': jobId
} as const

export type JobResults = {
  'jobs:get': JobState
  'jobs:cancel': JobState
}
