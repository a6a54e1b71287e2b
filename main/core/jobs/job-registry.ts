/**
 * The station's one job system. `start(kind, …)` returns a job id at once and runs the work in
 * the background: progress goes out as 'job:progress' (at least every 250 ms), the end as
 * 'job:finished', and jobs:get / jobs:list / jobs:cancel read or stop it. The work function gets a
 * JobControl: `mutate` runs one chunk's change through the station's mutation queue (so desk
 * calls slip in between chunks), `yieldIfDue` gives the event loop back every ~15 ms, `signal` /
 * `cancelled` say when to stop. What a chunk committed stays when the job is cancelled or fails.
 */
import { randomUUID } from 'node:crypto'
import type {
  JobKind,
  JobResultByKind,
  JobState,
  JobStateOf,
  JobStatus
} from '../../../shared/methods/jobs.js'
import type { EventBus } from '../events.js'
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { isDiskFull } from '../storage/disk-full.js'
import type { MutationQueue } from '../station/mutation-queue.js'
import { nextMacrotask, TimeSlicer } from './time-slicer.js'

export type JobControl<R> = Readonly<{
  jobId: string
  signal: AbortSignal
  /** True once jobs:cancel was called; stop at the next step. */
  cancelled(): boolean
  /** Reports progress; `partial` is the result so far (jobs:get shows it while running). */
  progress(done: number, total?: number, partial?: R, phase?: string): void
  /** Runs one chunk's change in the station's mutation queue (atomic with other changes). */
  mutate<T>(fn: () => Promise<T> | T): Promise<T>
  /** Waits for a macrotask once the current slice has used ~15 ms (call between small steps). */
  yieldIfDue(): Promise<void>
}>

export type JobOptions = Readonly<{
  total: number
  phase?: string
  /** At most one job of this kind at a time: a second start is refused with CONFLICT. */
  exclusive?: boolean
}>

export type JobWork<K extends JobKind> = (
  control: JobControl<JobResultByKind[K]>
) => Promise<JobResultByKind[K]>

type Entry = {
  state: () => JobState
  status: () => JobStatus
  kind: JobKind
  controller: AbortController
  finished: Promise<void>
}

const PROGRESS_MS = 150
const KEEP_FINISHED = 100

export class JobRegistry {
  readonly #jobs = new Map<string, Entry>()
  readonly #bus: EventBus
  readonly #queue: MutationQueue
  /** Set when the station starts closing: no job starts after that. */
  #closing = false

  constructor(bus: EventBus, queue: MutationQueue) {
    this.#bus = bus
    this.#queue = queue
  }

  start<K extends JobKind>(kind: K, options: JobOptions, work: JobWork<K>): string {
    if (this.#closing) {
      throw new KilnFailure('CANCELLED', 'The station is closing; the job was not started.')
    }
    if (options.exclusive) {
      const other = [...this.#jobs.entries()].find(
        ([, e]) => e.kind === kind && e.status() === 'running'
      )
      if (other) {
        throw new KilnFailure('CONFLICT', `A job of this kind is already running (${other[0]}).`, {
          jobId: other[0]
        })
      }
    }
    const jobId = 'job-' + randomUUID()
    const controller = new AbortController()
    let state: JobStateOf<K> = {
      jobId,
      kind,
      state: 'running',
      done: 0,
      total: options.total,
      ...(options.phase ? { phase: options.phase } : {}),
      startedAt: new Date().toISOString()
    }
    const entry: Entry = {
      state: () => asJobState(state),
      status: () => state.state,
      kind,
      controller,
      finished: Promise.resolve()
    }
    this.#jobs.set(jobId, entry)
    this.#prune()

    let lastEmit = 0
    const emitProgress = (): void => {
      lastEmit = performance.now()
      const { done, total, phase } = state
      this.#bus.emit('job:progress', { jobId, kind, done, total, ...(phase ? { phase } : {}) })
    }
    const slicer = new TimeSlicer()
    const control: JobControl<JobResultByKind[K]> = {
      jobId,
      signal: controller.signal,
      cancelled: () => controller.signal.aborted,
      progress: (done, total, partial, phase) => {
        const newPhase = phase !== undefined && phase !== state.phase
        state = {
          ...state,
          done,
          ...(total !== undefined ? { total } : {}),
          ...(partial !== undefined ? { result: partial } : {}),
          ...(phase !== undefined ? { phase } : {})
        }
        // A new phase is always reported (a short one would otherwise go unseen).
        if (newPhase || performance.now() - lastEmit >= PROGRESS_MS / 2) emitProgress()
      },
      mutate: (fn) => this.#queue.run(fn),
      yieldIfDue: () => slicer.yieldIfDue()
    }

    entry.finished = this.#queue.detach(async () => {
      // The caller receives the job id before any work (and any event) happens.
      await nextMacrotask()
      const timer = setInterval(emitProgress, PROGRESS_MS)
      timer.unref?.()
      try {
        const result = await work(control)
        state = {
          ...state,
          state: controller.signal.aborted ? 'cancelled' : 'done',
          finishedAt: new Date().toISOString(),
          ...(result ? { result } : {})
        }
      } catch (error) {
        const failure = asFailure(error, jobId)
        state = {
          ...state,
          state: failure.code === 'CANCELLED' ? 'cancelled' : 'failed',
          finishedAt: new Date().toISOString(),
          error: failure.toError()
        }
      } finally {
        clearInterval(timer)
      }
      emitProgress()
      const ended = state
      this.#bus.emit('job:finished', {
        jobId,
        kind,
        ok: ended.state === 'done',
        ...(ended.state === 'cancelled'
          ? {
              error: ended.error ?? {
                code: 'CANCELLED',
                message: 'The job was cancelled; what was done so far is kept.'
              }
            }
          : ended.error
            ? { error: ended.error }
            : {})
      })
    })
    return jobId
  }

  get(jobId: string): JobState {
    return this.#entry(jobId).state()
  }

  /** Newest first. */
  list(filter: Readonly<{ kind?: JobKind; state?: JobStatus }> = {}): JobState[] {
    return [...this.#jobs.values()]
      .map((e) => e.state())
      .filter(
        (s) =>
          (!filter.kind || s.kind === filter.kind) && (!filter.state || s.state === filter.state)
      )
      .reverse()
  }

  cancel(jobId: string): JobState {
    const entry = this.#entry(jobId)
    if (entry.status() === 'running') entry.controller.abort()
    return entry.state()
  }

  /** Resolves when the job has ended (the CLI and tests wait with it). */
  async wait(jobId: string): Promise<JobState> {
    const entry = this.#entry(jobId)
    await entry.finished
    return entry.state()
  }

  /** Ids of jobs still running. */
  running(): string[] {
    return [...this.#jobs.entries()].filter(([, e]) => e.status() === 'running').map(([id]) => id)
  }

  /**
   * Station close: running jobs are cancelled (each stops at its next step; what it committed
   * stays) and awaited. A host that wants a job's result waits for it before closing (the CLI).
   */
  async settle(): Promise<void> {
    this.#closing = true
    for (const entry of this.#jobs.values()) entry.controller.abort()
    await Promise.all([...this.#jobs.values()].map((e) => e.finished))
  }

  #entry(jobId: string): Entry {
    const entry = this.#jobs.get(jobId)
    if (!entry) {
      throw new KilnFailure('NOT_FOUND', `There is no job with id "${jobId}".`, { field: 'jobId' })
    }
    return entry
  }

  #prune(): void {
    const ended = [...this.#jobs.entries()].filter(([, e]) => e.status() !== 'running')
    for (const [id] of ended.slice(0, Math.max(0, ended.length - KEEP_FINISHED))) {
      this.#jobs.delete(id)
    }
  }
}

/** JobStateOf<K> for one K is that member of the JobState union. */
function asJobState<K extends JobKind>(state: JobStateOf<K>): JobState {
  return state as JobState
}

function asFailure(error: unknown, jobId: string): KilnFailure {
  if (error instanceof KilnFailure) return error
  if (isDiskFull(error)) {
    return new KilnFailure(
      'DISK_FULL',
      'The disk is full; the job stopped. What it confirmed before is kept.'
    )
  }
  logger.error(`job ${jobId} failed`, error)
  return new KilnFailure('INTERNAL', 'The job failed unexpectedly; see the station log.')
}
