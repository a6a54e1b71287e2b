/**
 * Status-list capacity promised to batches that are running. A batch checks at its start that
 * all its rows fit and holds that many entries until it ends (less each chunk it has done), so
 * a desk award, a rules run or another batch cannot take the entries it was promised: at the
 * last list's end it is the newcomer that is refused before it starts, never a batch half-way.
 */
export class StatusHolds {
  readonly #held = new Map<string, number>()

  hold(id: string, count: number): void {
    this.#held.set(id, Math.max(0, count))
  }

  /** `count` of the held entries were used or are no longer needed. */
  consume(id: string, count: number): void {
    const left = this.#held.get(id)
    if (left !== undefined) this.#held.set(id, Math.max(0, left - count))
  }

  release(id: string): void {
    this.#held.delete(id)
  }

  /** Entries held by every batch but `except` (the caller's own hold). */
  total(except?: string): number {
    let n = 0
    for (const [id, count] of this.#held) if (id !== except) n += count
    return n
  }
}
