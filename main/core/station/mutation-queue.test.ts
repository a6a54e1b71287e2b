import { describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { MutationQueue } from './mutation-queue.js'

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('MutationQueue', () => {
  it('runs tasks one at a time, in the order they were queued, even when they await', async () => {
    const queue = new MutationQueue()
    const log: string[] = []
    const task = (name: string, waits: number) => async () => {
      log.push(`${name} start`)
      for (let i = 0; i < waits; i++) await tick()
      log.push(`${name} end`)
      return name
    }
    const results = await Promise.all([
      queue.run(task('a', 3)),
      queue.run(task('b', 0)),
      queue.run(task('c', 1))
    ])
    expect(results).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end'])
  })

  it('a failing task fails alone; the next ones still run', async () => {
    const queue = new MutationQueue()
    const failed = queue.run(async () => {
      throw new KilnFailure('CONFLICT', 'no')
    })
    const next = queue.run(() => 'after')
    await expect(failed).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(next).resolves.toBe('after')
  })

  it('refuses a task queued from inside a task (it would wait forever), not one started detached', async () => {
    const queue = new MutationQueue()
    let later: Promise<string> | undefined
    await queue.run(async () => {
      await expect(queue.run(() => 'nested')).rejects.toMatchObject({ code: 'INTERNAL' })
      expect(queue.holding).toBe(true)
      // Work that outlives the task (a job, a timer) starts detached and queues on its own.
      later = queue.detach(
        () =>
          new Promise<string>((resolve) => setTimeout(() => resolve(queue.run(() => 'later')), 1))
      )
    })
    expect(await later).toBe('later')
  })

  it('waits for everything queued so far, and refuses every task once told to', async () => {
    const queue = new MutationQueue()
    let release = (): void => undefined
    const held = queue.run(() => new Promise<void>((resolve) => (release = resolve)))
    const done: string[] = []
    void queue.run(() => void done.push('second'))
    const idle = queue.idle().then(() => done.push('idle'))
    await tick()
    expect(queue.pending).toBe(2)
    release()
    await held
    await idle
    expect(done).toEqual(['second', 'idle'])
    queue.refuse(new KilnFailure('JOURNAL_CORRUPT', 'journal.ndjson line 3: damaged'))
    await expect(queue.run(() => 'x')).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT' })
  })
})
