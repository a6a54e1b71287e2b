/**
 * Runs `work` over items with at most `limit` at once. On the first failure (or a cancel) it
 * starts nothing new, lets the operations already sent finish, and then throws: what finished
 * was reported through `work` itself, so a log of it stays exact.
 */
import { KilnFailure } from '../failure.js'

export async function runPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal
): Promise<void> {
  let next = 0
  let failure: unknown
  let failed = false
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      if (signal?.aborted) {
        failed = true
        failure ??= new KilnFailure(
          'CANCELLED',
          'Publishing was cancelled; what was uploaded is kept and the next publish continues from there.'
        )
        return
      }
      const item = items[next++] as T
      try {
        await work(item)
      } catch (error) {
        if (!failed) failure = error
        failed = true
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  if (failed) throw failure
}
