/**
 * Contract methods of long jobs: batch awards, certificate exports, bundle exports, publishing
 * the site and sending e-mail. Every long task starts with its own method, which returns
 * `{ jobId }` at once; the job then reports through events and these methods.
 *
 * CONTRACT (stable):
 * jobs:get {jobId} → JobState {jobId, kind, state: running|done|failed|cancelled, done, total,
 *   phase?, startedAt, finishedAt?, result? (typed by kind; for awards:batch also while running:
 *   what was issued so far), error?}.
 * jobs:list {kind?, state?} → {jobs: JobState[]} newest first (running jobs and the last 100 ended).
 * jobs:cancel {jobId} → JobState. The job stops at its next step; what it committed stays (state
 *   'cancelled'). Cancelling a finished job returns it unchanged.
 * Events: 'job:progress' {jobId, kind, done, total, phase?} at least every 250 ms while running;
 *   'job:finished' {jobId, kind, ok, error?} once.
 */
import { z } from 'zod'
import type { ErrorCode, ErrorDetails } from '../result.js'
import type { BatchReport } from '../types.js'
import type { BundleExportSummary } from './bundle.js'
import type { DeliverySummary } from './delivery.js'
import type { PublishSummary } from './publish.js'

/** What a certificate export wrote. */
export type CertificatesExported = Readonly<{
  file: string
  folder: string
  bytes: number
  pages: number
  mode: 'single-pdf' | 'zip'
}>

/** The final result of each kind of job. Add a kind here when you add a long job. */
export type JobResultByKind = {
  'awards:batch': BatchReport
  'certificates:export': CertificatesExported
  'bundle:export': BundleExportSummary
  'publish:site': PublishSummary
  'delivery:send': DeliverySummary
}

export type JobKind = keyof JobResultByKind

export const JOB_KINDS = [
  'awards:batch',
  'certificates:export',
  'bundle:export',
  'publish:site',
  'delivery:send'
] as const satisfies readonly JobKind[]
const _everyKindListed: [Exclude<JobKind, (typeof JOB_KINDS)[number]>] extends [never]
  ? true
  : false = true
void _everyKindListed

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled'

export type JobStateOf<K extends JobKind> = Readonly<{
  jobId: string
  kind: K
  state: JobStatus
  done: number
  total: number
  phase?: string
  startedAt: string
  finishedAt?: string
  result?: JobResultByKind[K]
  error?: Readonly<{ code: ErrorCode; message: string; details?: ErrorDetails }>
}>

/** A job's state; JobState<K> narrows to one kind. */
export type JobState<K extends JobKind = JobKind> = { [P in K]: JobStateOf<P> }[K]

const jobId = z.strictObject({ jobId: z.string().trim().min(1).max(200) })

export const jobMethods = {
  'jobs:get': jobId,
  'jobs:list': z.strictObject({
    kind: z.enum(JOB_KINDS).optional(),
    state: z.enum(['running', 'done', 'failed', 'cancelled']).optional()
  }),
  'jobs:cancel': jobId
} as const

export type JobResults = {
  'jobs:get': JobState
  'jobs:list': Readonly<{ jobs: readonly JobState[] }>
  'jobs:cancel': JobState
}

/** True when the job is of this kind (the renderer and the CLI follow one kind at a time). */
export function isJobOfKind<K extends JobKind>(
  job: JobState,
  kind: K
): job is Extract<JobState, { kind: K }> {
  return job.kind === kind
}
