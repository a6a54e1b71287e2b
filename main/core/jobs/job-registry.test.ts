import { describe, expect, it } from 'vitest'
import type { KilnEvent } from '../../../shared/events.js'
import { EventBus } from '../events.js'
import { KilnFailure } from '../failure.js'
import { MutationQueue } from '../station/mutation-queue.js'
import { JobRegistry } from './job-registry.js'
import { nextMacrotask } from './time-slicer.js'

function registry(): { jobs: JobRegistry; events: KilnEvent[]; queue: MutationQueue } {
  const bus = new EventBus()
  const events: KilnEvent[] = []
  bus.subscribe((event) => events.push(event))
  const queue = new MutationQueue()
  return { jobs: new JobRegistry(bus, queue), events, queue }
}

const report = { issued: [], skipped: [], rejected: [] }

describe('JobRegistry', () => {
  it('returns the id at once, reports progress with its kind, and ends with a typed result', async () => {
    const { jobs, events } = registry()
    let started = false
    const jobId = jobs.start('certificates:export', { total: 3 }, async (control) => {
      started = true
      for (let i = 1; i <= 3; i++) {
        control.progress(i)
        await control.yieldIfDue()
      }
      return { file: '/tmp/x.pdf', folder: '/tmp', bytes: 10, pages: 3, mode: 'single-pdf' }
    })
    expect(started).toBe(false)
    expect(events).toEqual([])
    expect(jobs.get(jobId)).toMatchObject({ jobId, kind: 'certificates:export', state: 'running' })
    const final = await jobs.wait(jobId)
    expect(final).toMatchObject({
      kind: 'certificates:export',
      state: 'done',
      done: 3,
      result: { file: '/tmp/x.pdf', pages: 3 }
    })
    const finished = events.filter((e) => e.name === 'job:finished')
    expect(finished).toEqual([
      { name: 'job:finished', payload: { jobId, kind: 'certificates:export', ok: true } }
    ])
    const progress = events.filter((e) => e.name === 'job:progress')
    expect(progress.at(-1)).toEqual({
      name: 'job:progress',
      payload: { jobId, kind: 'certificates:export', done: 3, total: 3 }
    })
  })

  it('lists jobs newest first, cancels, and reports failures with their code', async () => {
    const { jobs } = registry()
    const done = jobs.start('awards:batch', { total: 1 }, async () => report)
    await jobs.wait(done)
    const cancelled = jobs.start('awards:batch', { total: 100 }, async (control) => {
      while (!control.cancelled()) await nextMacrotask()
      return report
    })
    const failed = jobs.start('bundle:export', { total: 0 }, async () => {
      throw new KilnFailure('DESTINATION_EXISTS', 'taken')
    })
    const diskFull = jobs.start('bundle:export', { total: 0 }, async () => {
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' })
    })
    expect(jobs.list({ state: 'running' }).map((j) => j.jobId)).toEqual([
      diskFull,
      failed,
      cancelled
    ])
    expect(jobs.cancel(cancelled).state).toBe('running')
    await Promise.all([jobs.wait(cancelled), jobs.wait(failed), jobs.wait(diskFull)])
    expect(jobs.list().map((j) => [j.jobId, j.state])).toEqual([
      [diskFull, 'failed'],
      [failed, 'failed'],
      [cancelled, 'cancelled'],
      [done, 'done']
    ])
    expect(jobs.get(failed).error).toMatchObject({ code: 'DESTINATION_EXISTS', message: 'taken' })
    expect(jobs.get(diskFull).error?.code).toBe('DISK_FULL')
    expect(jobs.list({ kind: 'awards:batch' }).map((j) => j.jobId)).toEqual([cancelled, done])
    expect(() => jobs.get('job-unknown')).toThrow(KilnFailure)
  })

  it('runs one job of an exclusive kind at a time', async () => {
    const { jobs } = registry()
    let release = (): void => undefined
    const first = jobs.start('bundle:export', { total: 0, exclusive: true }, async () => {
      await new Promise<void>((resolve) => (release = resolve))
      return {
        seq: 1,
        out: '/tmp/b',
        format: 'folder',
        files: 0,
        bytes: 0,
        siteFiles: 0,
        manifestHash: '',
        unchanged: false,
        full: false,
        heldBack: 0
      }
    })
    expect(() =>
      jobs.start('bundle:export', { total: 0, exclusive: true }, async () => {
        throw new Error('never runs')
      })
    ).toThrow(/already running/)
    await nextMacrotask()
    release()
    expect((await jobs.wait(first)).state).toBe('done')
  })

  it('takes the mutation queue per chunk, so other changes run between chunks', async () => {
    const { jobs, queue } = registry()
    const order: string[] = []
    const jobId = jobs.start('awards:batch', { total: 2 }, async (control) => {
      await control.mutate(async () => {
        order.push('chunk 1')
        void queue.detach(() => queue.run(() => void order.push('desk change')))
        await nextMacrotask()
        order.push('chunk 1 end')
      })
      await control.mutate(() => void order.push('chunk 2'))
      return report
    })
    await jobs.wait(jobId)
    expect(order).toEqual(['chunk 1', 'chunk 1 end', 'desk change', 'chunk 2'])
  })
})
