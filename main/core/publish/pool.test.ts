/**
 * runPool: every item once, in order of start, never more than `limit` at once; on a failure
 * or a cancel nothing new starts, what is in flight finishes, then the first error is thrown.
 * Driven step by step with promises the test settles itself (no clocks).
 */
import { describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { runPool } from './pool.js'

type Step = { item: number; resolve: () => void; reject: (error: unknown) => void }

/** Work whose every call waits until the test settles it; records starts, ends and peak load. */
function controlled() {
  const started: number[] = []
  const finished: number[] = []
  const pending: Step[] = []
  let inFlight = 0
  let peak = 0
  const work = (item: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      started.push(item)
      inFlight++
      peak = Math.max(peak, inFlight)
      const end = (): void => {
        inFlight--
        finished.push(item)
      }
      pending.push({
        item,
        resolve: () => {
          end()
          resolve()
        },
        reject: (error) => {
          end()
          reject(error)
        }
      })
    })
  return { started, finished, pending, work, peak: () => peak, inFlight: () => inFlight }
}

/** Lets every queued continuation run (the pool starts its next item in a microtask). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i)

describe('runPool', () => {
  it('runs every item exactly once, starting them in order, at most `limit` at once', async () => {
    const c = controlled()
    const done = runPool(range(10), 3, c.work)
    await settle()
    expect(c.started).toEqual([0, 1, 2])
    while (c.pending.length > 0) {
      // Finish the oldest; the next item starts in its lane.
      c.pending.shift()?.resolve()
      await settle()
      expect(c.inFlight()).toBeLessThanOrEqual(3)
    }
    await done
    expect(c.started).toEqual(range(10))
    expect([...c.finished].sort((a, b) => a - b)).toEqual(range(10))
    expect(c.peak()).toBe(3)
  })

  it('uses no more lanes than items, and at least one', async () => {
    const wide = controlled()
    const a = runPool(range(2), 50, wide.work)
    await settle()
    expect(wide.started).toEqual([0, 1])
    wide.pending.forEach((s) => s.resolve())
    await a
    expect(wide.peak()).toBe(2)

    const zero = controlled()
    const b = runPool(range(3), 0, zero.work)
    await settle()
    expect(zero.started).toEqual([0])
    while (zero.pending.length > 0) {
      zero.pending.shift()?.resolve()
      await settle()
    }
    await b
    expect(zero.started).toEqual([0, 1, 2])
    expect(zero.peak()).toBe(1)
  })

  it('does nothing for no items', async () => {
    const c = controlled()
    await runPool([], 4, c.work)
    expect(c.started).toEqual([])
  })

  it('on a failure starts nothing new, lets the work in flight finish, then throws the first error', async () => {
    const c = controlled()
    let outcome: unknown = 'pending'
    const done = runPool(range(10), 3, c.work).then(
      () => (outcome = 'resolved'),
      (error: unknown) => (outcome = error)
    )
    await settle()
    const first = new Error('first')
    c.pending.find((s) => s.item === 1)?.reject(first)
    await settle()
    // Items 0 and 2 are still running: the pool has not given up on them.
    expect(c.started).toEqual([0, 1, 2])
    expect(outcome).toBe('pending')
    c.pending.find((s) => s.item === 2)?.reject(new Error('second'))
    await settle()
    expect(outcome).toBe('pending')
    c.pending.find((s) => s.item === 0)?.resolve()
    await done
    expect(outcome).toBe(first)
    expect(c.started).toEqual([0, 1, 2])
    expect(c.finished.sort()).toEqual([0, 1, 2])
  })

  it('keeps a KilnFailure as it was thrown (its code reaches the job)', async () => {
    const failure = new KilnFailure('TARGET_REJECTED', 'refused')
    await expect(
      runPool(range(3), 2, async (i) => {
        if (i === 0) throw failure
      })
    ).rejects.toBe(failure)
  })

  it('cancelled before it starts: runs nothing and says CANCELLED', async () => {
    const c = controlled()
    const controller = new AbortController()
    controller.abort()
    const error = await runPool(range(5), 2, c.work, controller.signal).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KilnFailure)
    expect(error instanceof KilnFailure && error.code).toBe('CANCELLED')
    expect(c.started).toEqual([])
  })

  it('cancelled midway: what is in flight finishes, nothing new starts, CANCELLED', async () => {
    const c = controlled()
    const controller = new AbortController()
    let outcome: unknown = 'pending'
    const done = runPool(range(10), 2, c.work, controller.signal).catch(
      (error: unknown) => (outcome = error)
    )
    await settle()
    c.pending.shift()?.resolve()
    await settle()
    expect(c.started).toEqual([0, 1, 2])
    controller.abort()
    c.pending.shift()?.resolve()
    await settle()
    expect(outcome).toBe('pending') // item 2 is still running
    expect(c.started).toEqual([0, 1, 2])
    c.pending.shift()?.resolve()
    await done
    expect(outcome instanceof KilnFailure && outcome.code).toBe('CANCELLED')
    expect(c.finished).toEqual([0, 1, 2])
  })
})
