/**
 * One FIFO queue per station for everything that changes it. The dispatcher runs every mutating
 * contract method through it (method-kinds.ts says which ones); long jobs take it once per chunk;
 * timers (automatic rules, scheduled backups) take it too. Inside a task nothing else mutates, so
 * "check, then commit" (the duplicate check and the journal append of an award) is atomic even
 * when signing awaits. Read-only methods never wait here.
 *
 * A task must not queue another task and wait for it (that would wait forever): code that already
 * holds the queue calls the inner work directly. Such a call is refused with INTERNAL at once.
 * Work that outlives a task (a job, a timer) starts through `detach` so it queues on its own.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { KilnFailure } from '../failure.js'

type Task = { active: boolean }

export class MutationQueue {
  #tail: Promise<unknown> = Promise.resolve()
  #waiting = 0
  #refusal: KilnFailure | undefined
  readonly #context = new AsyncLocalStorage<Task>()

  /**
   * Runs `fn` after every task queued before it; its result (or error) is returned. Once the
   * station refuses changes, tasks fail with that error unless `evenWhenRefused` (locking).
   */
  run<T>(
    fn: () => Promise<T> | T,
    options: Readonly<{ evenWhenRefused?: boolean }> = {}
  ): Promise<T> {
    if (this.#context.getStore()?.active) {
      return Promise.reject(
        new KilnFailure('INTERNAL', 'A change waited for another change it was part of.')
      )
    }
    this.#waiting++
    const result = this.#tail.then(async () => {
      if (this.#refusal && !options.evenWhenRefused) throw this.#refusal
      const task: Task = { active: true }
      try {
        return await this.#context.run(task, fn)
      } finally {
        task.active = false
      }
    })
    const settled = result.then(
      () => undefined,
      () => undefined
    )
    this.#tail = settled
    void settled.then(() => {
      this.#waiting--
    })
    return result
  }

  /** True while called from inside a queued task. */
  get holding(): boolean {
    return this.#context.getStore()?.active === true
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.#waiting
  }

  /** Runs `fn` outside any task, so what it starts (a job, a timer) queues on its own later. */
  detach<T>(fn: () => T): T {
    return this.#context.exit(fn)
  }

  /** Resolves once every task queued so far has finished. */
  async idle(): Promise<void> {
    for (;;) {
      const tail = this.#tail
      await tail
      if (tail === this.#tail) return
    }
  }

  /** From now on every task fails with this (the station found damage and refuses writes). */
  refuse(failure: KilnFailure): void {
    this.#refusal ??= failure
  }

  get refusal(): KilnFailure | undefined {
    return this.#refusal
  }
}
