/**
 * Long work gives the event loop back often: no synchronous slice longer than about `budgetMs`.
 * Call `await slicer.yieldIfDue()` between small steps (a page, a credential, a line); it waits
 * for a macrotask (setImmediate) once the budget is spent, so other calls (station:status, a
 * desk award) are answered between slices. A microtask (await of a resolved promise) would not.
 */
export const SLICE_MS = 15

export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

export class TimeSlicer {
  #since = performance.now()
  readonly budgetMs: number

  constructor(budgetMs = SLICE_MS) {
    this.budgetMs = budgetMs
  }

  /** True once the current slice has used its budget. */
  get due(): boolean {
    return performance.now() - this.#since >= this.budgetMs
  }

  async yieldIfDue(): Promise<void> {
    if (this.due) await this.yield()
  }

  async yield(): Promise<void> {
    await nextMacrotask()
    this.#since = performance.now()
  }
}
