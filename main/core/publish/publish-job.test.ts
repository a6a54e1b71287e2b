import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { KilnEvent } from '../../../shared/events.js'
import { freshKit, jobResult, type Kit } from '../awards/test-support/station-kit.js'

let kit: Kit | undefined
let target = ''
afterEach(async () => {
  await kit?.close()
  kit = undefined
  if (target) fs.rmSync(target, { recursive: true, force: true })
})

/** Holds the station's mutation queue until the returned function is called. */
async function holdQueue(k: Kit): Promise<{ release(): void; held: Promise<void> }> {
  let release = (): void => undefined
  let started = (): void => undefined
  const running = new Promise<void>((resolve) => (started = resolve))
  const held = k.core.station.queue.run(
    () =>
      new Promise<void>((done) => {
        release = done
        started()
      })
  )
  await running
  return { release: () => release(), held }
}

async function withFolderTarget(): Promise<Kit> {
  const k = await freshKit()
  target = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-publish-target-'))
  await k.call('publish:saveTarget', { kind: 'folder', name: 'share', path: target })
  await k.call('awards:issue', { badgeId: k.badgeId, name: 'Ana Müller', email: 'ana@example.org' })
  return k
}

describe('publishing runs in the station’s one job system', () => {
  it('publish:start is a publish:site job: phases in job:progress, the summary as its result', async () => {
    kit = await withFolderTarget()
    const events: KilnEvent[] = []
    kit.core.bus.subscribe((event) => events.push(event))
    const { jobId, target: name } = await kit.call('publish:start', {})
    expect(name).toBe('share')
    const job = await jobResult(kit.core, jobId, 'publish:site')
    expect(job.state).toBe('done')
    expect(job.result).toMatchObject({ target: 'share', verified: true, seq: 1, deleted: 0 })
    expect(await kit.call('jobs:list', { kind: 'publish:site' })).toMatchObject({
      jobs: [{ jobId, state: 'done' }]
    })
    const phases = events.flatMap((e) =>
      e.name === 'job:progress' && e.payload.jobId === jobId ? [e.payload.phase] : []
    )
    expect(phases[0]).toBe('preparing')
    expect(new Set(phases)).toEqual(new Set(['preparing', 'uploading', 'deleting', 'verifying']))
    expect(events.find((e) => e.name === 'job:finished')?.payload).toMatchObject({
      jobId,
      kind: 'publish:site',
      ok: true
    })
    const published = [...kit.core.station.journal.entries()].filter(
      (e) => e.type === 'site.published'
    )
    expect(published.map((e) => (e.type === 'site.published' ? e.data.target : ''))).toEqual([
      'share'
    ])
    expect(fs.existsSync(path.join(target, 'kiln-manifest.json'))).toBe(true)
  })

  it('a second publish while one runs is CONFLICT naming the running job', async () => {
    kit = await withFolderTarget()
    // Hold the queue so that the first publish cannot finish meanwhile.
    const queue = await holdQueue(kit)
    const first = kit.core.station.publisher.start(undefined, false)
    expect(() => kit?.core.station.publisher.start(undefined, false)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { jobId: first.jobId } })
    )
    queue.release()
    await queue.held
    expect((await jobResult(kit.core, first.jobId, 'publish:site')).state).toBe('done')
  })

  it('two exports of the site at once: one is recorded, the other is refused, the chain stays whole', async () => {
    kit = await withFolderTarget()
    const station = kit.core.station
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-export-'))
    try {
      // Both render while a change holds the queue; both then wait to record their export.
      const queue = await holdQueue(kit)
      const exportJob = station.jobs.start('bundle:export', { total: 0 }, async (control) => {
        const { exportBundle } = await import('../bundle/export-bundle.js')
        return exportBundle(station, { out: path.join(out, 'b'), format: 'folder', control })
      })
      const publish = station.publisher.start(undefined, false)
      while (station.queue.pending < 3) await new Promise((resolve) => setTimeout(resolve, 10))
      queue.release()
      await queue.held
      const ends = [
        await jobResult(kit.core, exportJob, 'bundle:export'),
        await jobResult(kit.core, publish.jobId, 'publish:site')
      ]
      expect(ends.map((j) => j.state).sort()).toEqual(['done', 'failed'])
      expect(ends.find((j) => j.state === 'failed')?.error?.code).toBe('CONFLICT')
      const exported = [...station.journal.entries()].filter((e) => e.type === 'bundle.exported')
      expect(exported.map((e) => (e.type === 'bundle.exported' ? e.data.seq : 0))).toEqual([1])
    } finally {
      fs.rmSync(out, { recursive: true, force: true })
    }
  })
})
