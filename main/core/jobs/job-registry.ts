/**
 * Long jobs (batch awards): started in the background, observable through jobs:get and the
 * bus ('job:progress' at least every 250 ms while running, then 'job:finished'), cancellable.
 * A job's work function checks `cancelled` between chunks; what it committed stays.
 */
import { randomUUID } from 'node:crypto'
import type { BatchReport, JobState } from '../../../shared/types.js'
import type { EventBus } from '../events.js'
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'

export type JobControl = Readonly<{
  jobId: string
  /** True once jobs:cancel was called; stop after the current chunk. */
  cancelled(): boolean
  progress(done: number, total: number, result?: BatchReport): void
}>

/** A job's work; its result (a batch report) is kept on the job, or nothing for other kinds. */
export type JobWork = (control: JobControl) => Promise<BatchReport | undefined>

const PROGRESS_MS = 150

type Entry = { state: JobState; cancel: boolean; finished: Promise<JobState> }

export class JobRegistry {
  private readonly jobs = new Map<string, Entry>()

  constructor(private readonly bus: EventBus) {}

  start(kind: JobState['kind'], total: number, work: JobWork): string {
    const jobId = 'job-' + randomUUID()
    const entry: Entry = {
      state: { jobId, kind, state: 'running', done: 0, total, startedAt: new Date().toISOString() },
      cancel: false,
      finished: Promise.resolve(undefined as unknown as JobState)
    }
    this.jobs.set(jobId, entry)
    let lastEmit = 0
    const emitProgress = (): void => {
      lastEmit = performance.now()
      this.bus.emit('job:progress', { jobId, done: entry.state.done, total: entry.state.total })
    }
    // The timer covers long chunks; progress() also reports when a chunk lands late.
    const timer = setInterval(emitProgress, PROGRESS_MS)
    timer.unref?.()
    const control: JobControl = {
      jobId,
      cancelled: () => entry.cancel,
      progress: (done, newTotal, result) => {
        entry.state = { ...entry.state, done, total: newTotal, ...(result ? { result } : {}) }
        if (performance.now() - lastEmit >= PROGRESS_MS / 2) {
          emitProgress()
        }
      }
    }
    entry.finished = (async () => {
      // Let the caller receive the job id before any work (and any event) happens.
      await new Promise<void>((resolve) => setImmediate(resolve))
      try {
        const result = await work(control)
        entry.state = {
          ...entry.state,
          state: entry.cancel ? 'cancelled' : 'done',
          finishedAt: new Date().toISOString(),
          ...(result ? { result } : {})
        }
      } catch (error) {
        const known = error instanceof KilnFailure
        if (!known) logger.error(`job ${jobId} failed`, error)
        entry.state = {
          ...entry.state,
          state: 'failed',
          finishedAt: new Date().toISOString(),
          error: known
            ? { code: error.code, message: error.message }
            : { code: 'INTERNAL', message: 'The job failed unexpectedly; see the station log.' }
        }
      } finally {
        clearInterval(timer)
      }
      emitProgress()
      const s = entry.state
      this.bus.emit('job:finished', {
        jobId,
        ok: s.state === 'done',
        ...(s.state === 'cancelled'
          ? {
              error: {
                code: 'CANCELLED',
                message: 'The job was cancelled; what was done so far is kept.'
              }
            }
          : s.error
            ? { error: s.error }
            : {})
      })
      return entry.state
    })()
    return jobId
  }

  get(jobId: string): JobState {
    const entry = this.jobs.get(jobId)
    if (!entry) {
      throw new KilnFailure('NOT_FOUND', `There is no job with id "${jobId}".`, { field: 'jobId' })
    }
    return entry.state
  }

  cancel(jobId: string): JobState {
    const entry = this.jobs.get(jobId)
    if (!entry) {
      throw new KilnFailure('NOT_FOUND', `There is no job with id "${jobId}".`, { field: 'jobId' })
    }
    if (entry.state.state === 'running') entry.cancel = true
    return entry.state
  }

  /** Resolves when the job has ended (for the CLI and tests). */
  async wait(jobId: string): Promise<JobState> {
    const entry = this.jobs.get(jobId)
    if (!entry) {
      throw new KilnFailure('NOT_FOUND', `There is no job with id "${jobId}".`, { field: 'jobId' })
    }
    return entry.finished
  }

  /** Whether any job is still running (hosts wait for them before closing). */
  running(): string[] {
    return [...this.jobs.values()]
      .filter((e) => e.state.state === 'running')
      .map((e) => e.state.jobId)
  }
}

const registries = new WeakMap<object, JobRegistry>()

/** The job registry of a station (one per open station). */
export function jobsOf(station: { bus: EventBus }): JobRegistry {
  let registry = registries.get(station)
  if (!registry) {
    registry = new JobRegistry(station.bus)
    registries.set(station, registry)
  }
  return registry
}
