/**
 * Publishing as a long job: progress on the bus ('job:progress' with the phase, then
 * 'job:finished'), state kept for publish:job, cancellable (the upload stops after the
 * operations in flight; the log keeps what was done). One job per station at a time.
 *
 * startJob() is the one place that knows how jobs run, so moving onto the station's job
 * system is a change of that function alone.
 */
import { randomUUID } from 'node:crypto'
import type { PublishJobState, PublishSummary } from '../../../shared/methods/publish.js'
import type { EventBus } from '../events.js'
import { fail, KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import type { PublishPhase } from './publish-site.js'

type Job = { state: PublishJobState; controller: AbortController; finished: Promise<void> }

export type JobHooks = Readonly<{
  signal: AbortSignal
  onProgress: (phase: PublishPhase, done: number, total: number) => void
}>

const PROGRESS_MS = 150
const KEEP_FINISHED = 20

export class PublishJobs {
  private readonly jobs = new Map<string, Job>()

  constructor(private readonly bus: EventBus) {}

  running(): PublishJobState | undefined {
    return [...this.jobs.values()].find((j) => j.state.state === 'running')?.state
  }

  startJob(target: string, run: (hooks: JobHooks) => Promise<PublishSummary>): string {
    const busy = this.running()
    if (busy) {
      fail('CONFLICT', `A publish to "${busy.target}" is already running.`, { jobId: busy.jobId })
    }
    const jobId = `publish-${randomUUID()}`
    const controller = new AbortController()
    const job: Job = {
      state: {
        jobId,
        target,
        state: 'running',
        phase: 'preparing',
        done: 0,
        total: 0,
        startedAt: new Date().toISOString()
      },
      controller,
      finished: Promise.resolve()
    }
    this.jobs.set(jobId, job)
    this.prune()
    let lastEmit = 0
    const emit = (): void => {
      lastEmit = performance.now()
      const s = job.state
      this.bus.emit('job:progress', {
        jobId,
        done: s.done,
        total: s.total,
        phase: `publish:${s.phase}`
      })
    }
    const onProgress = (phase: PublishPhase, done: number, total: number): void => {
      const changed = phase !== job.state.phase
      job.state = { ...job.state, phase, done, total }
      if (changed || performance.now() - lastEmit >= PROGRESS_MS) emit()
    }
    job.finished = (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve))
      try {
        const result = await run({ signal: controller.signal, onProgress })
        job.state = {
          ...job.state,
          state: 'done',
          phase: 'finished',
          done: job.state.total,
          finishedAt: new Date().toISOString(),
          result
        }
        emit()
        this.bus.emit('job:finished', { jobId, ok: true })
      } catch (error) {
        const failure =
          error instanceof KilnFailure
            ? error
            : new KilnFailure('INTERNAL', 'Publishing failed unexpectedly; see the station log.')
        if (!(error instanceof KilnFailure)) logger.error('publishing failed', error)
        job.state = {
          ...job.state,
          state: failure.code === 'CANCELLED' ? 'cancelled' : 'failed',
          finishedAt: new Date().toISOString(),
          error: { code: failure.code, message: failure.message }
        }
        emit()
        this.bus.emit('job:finished', { jobId, ok: false, error: failure.toError() })
      }
    })()
    return jobId
  }

  get(jobId: string): PublishJobState {
    const job = this.jobs.get(jobId)
    if (!job) fail('NOT_FOUND', `There is no publish job with id "${jobId}".`, { field: 'jobId' })
    return job.state
  }

  cancel(jobId: string): PublishJobState {
    const job = this.jobs.get(jobId)
    if (!job) fail('NOT_FOUND', `There is no publish job with id "${jobId}".`, { field: 'jobId' })
    if (job.state.state === 'running') job.controller.abort()
    return job.state
  }

  /** Resolves when the job has ended (the CLI waits on it). */
  async settled(jobId: string): Promise<PublishJobState> {
    await this.jobs.get(jobId)?.finished
    return this.get(jobId)
  }

  /** Cancels a running job and waits for it (the station is closing). */
  async stop(): Promise<void> {
    for (const job of this.jobs.values()) {
      if (job.state.state === 'running') job.controller.abort()
    }
    await Promise.all([...this.jobs.values()].map((j) => j.finished))
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.state.state !== 'running')
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(id)
    }
  }
}
