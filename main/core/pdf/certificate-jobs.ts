/**
 * A minimal job runner for certificate exports: one AbortController per job, progress
 * on the event bus ('job:progress' / 'job:finished'), state kept for polling. (A shared
 * main/core/jobs did not exist when this was written; this can move onto it.)
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { CertificateJobState } from '../../../shared/methods/certificates.js'
import type { EventBus } from '../events.js'
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import type { RenderHooks } from './render.js'

export type JobOutcome = Readonly<{ file: string; bytes: number; pages: number }>

type Job = { state: CertificateJobState; controller: AbortController; finished: Promise<void> }

const KEEP_FINISHED = 50

export class CertificateJobs {
  private readonly jobs = new Map<string, Job>()

  constructor(private readonly bus: EventBus) {}

  start(total: number, run: (hooks: RenderHooks) => Promise<JobOutcome>): string {
    const jobId = randomUUID()
    const controller = new AbortController()
    const job: Job = {
      state: { jobId, state: 'running', done: 0, total, startedAt: new Date().toISOString() },
      controller,
      finished: Promise.resolve()
    }
    this.jobs.set(jobId, job)
    this.prune()
    let lastEmit = 0
    const onProgress = (done: number, all: number): void => {
      job.state = { ...job.state, done, total: all }
      const now = Date.now()
      if (now - lastEmit >= 100 || done === all) {
        lastEmit = now
        this.bus.emit('job:progress', { jobId, done, total: all, phase: 'certificates' })
      }
    }
    job.finished = (async () => {
      // Let the caller receive the job id before the work starts.
      await new Promise<void>((resolve) => setImmediate(resolve))
      try {
        const outcome = await run({ onProgress, signal: controller.signal })
        job.state = {
          ...job.state,
          state: 'done',
          done: job.state.total,
          finishedAt: new Date().toISOString(),
          file: outcome.file,
          folder: path.dirname(outcome.file),
          bytes: outcome.bytes,
          pages: outcome.pages
        }
        this.bus.emit('job:finished', { jobId, ok: true })
      } catch (error) {
        const failure =
          error instanceof KilnFailure
            ? error
            : new KilnFailure('INTERNAL', 'The certificate export failed.')
        if (!(error instanceof KilnFailure)) logger.error('certificate export failed', error)
        const cancelled = failure.code === 'CANCELLED'
        job.state = {
          ...job.state,
          state: cancelled ? 'cancelled' : 'failed',
          finishedAt: new Date().toISOString(),
          error: { code: failure.code, message: failure.message }
        }
        this.bus.emit('job:finished', { jobId, ok: false, error: failure.toError() })
      }
    })()
    return jobId
  }

  get(jobId: string): CertificateJobState | undefined {
    return this.jobs.get(jobId)?.state
  }

  /** Resolves when the job has ended (for hosts that wait, like the CLI, and for tests). */
  async settled(jobId: string): Promise<CertificateJobState | undefined> {
    await this.jobs.get(jobId)?.finished
    return this.get(jobId)
  }

  cancel(jobId: string): CertificateJobState | undefined {
    const job = this.jobs.get(jobId)
    if (job && job.state.state === 'running') job.controller.abort()
    return job?.state
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.state.state !== 'running')
    for (const [jobId] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(jobId)
    }
  }
}
