import { afterEach, describe, expect, it } from 'vitest'
import { csvBase64, freshKit, jobResult, peopleCsv, type Kit } from './test-support/station-kit.js'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

const ctx = { host: 'web' } as const

describe('changes run one at a time', () => {
  it('two clients awarding the same person the same badge at once get exactly one award', async () => {
    kit = await freshKit()
    const input = { badgeId: kit.badgeId, email: 'ana@example.org', name: 'Ana Silva' }
    for (let round = 0; round < 5; round++) {
      const email = `person.${round}@example.org`
      const results = await Promise.all([
        kit.core.dispatch('awards:issue', { ...input, email }, ctx),
        kit.core.dispatch('awards:issue', { ...input, email, name: 'Ana S.' }, ctx)
      ])
      const ok = results.filter((r) => r.ok)
      const refused = results.flatMap((r) => (r.ok ? [] : [r.error]))
      expect(ok).toHaveLength(1)
      expect(refused).toHaveLength(1)
      expect(refused[0]?.code).toBe('CONFLICT')
      const held = kit.core.station.awards.query({ emails: [email] })
      expect(held.total).toBe(1)
      expect(refused[0]?.details?.existingAwardId).toBe(held.awards[0]?.id)
    }
    expect(kit.core.station.awards.size).toBe(5)
  })

  it('reads are answered while a change holds the queue; changes wait their turn', async () => {
    kit = await freshKit()
    let release = (): void => undefined
    const holding = kit.core.station.queue.run(
      () => new Promise<void>((resolve) => (release = resolve))
    )
    const order: string[] = []
    const award = kit.core
      .dispatch('awards:issue', { badgeId: kit.badgeId, email: 'bo@example.org', name: 'Bo' }, ctx)
      .then((r) => {
        order.push('award')
        return r
      })
    const status = await kit.call('station:status', {})
    order.push('status')
    expect(status.counts.awards).toBe(0)
    expect((await kit.call('awards:list', {})).total).toBe(0)
    release()
    await holding
    expect((await award).ok).toBe(true)
    expect(order).toEqual(['status', 'award'])
  })

  it('a desk award slips in between two chunks of a batch; the batch skips that person', async () => {
    kit = await freshKit()
    const people = 3000
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(people)) }
    })
    const last = `person.${people - 1}@example.com`
    const firstChunk = new Promise<void>((resolve) => {
      kit?.core.bus.subscribe((event) => {
        if (event.name === 'job:progress' && event.payload.done > 0) resolve()
      })
    })
    const { jobId } = await kit.call('awards:batchStart', { previewId: preview.previewId })
    await firstChunk
    const desk = await kit.core.dispatch(
      'awards:issue',
      { badgeId: kit.badgeId, email: last, name: 'At the desk' },
      ctx
    )
    const final = await jobResult(kit.core, jobId, 'awards:batch')
    expect(final.state).toBe('done')
    const held = kit.core.station.awards.query({ emails: [last] })
    expect(held.total).toBe(1)
    expect(kit.core.station.awards.size).toBe(people)
    // Whoever came first awarded them; the other was told (desk: CONFLICT, batch: skipped).
    const batchIssued = final.result?.issued.some((i) => i.email === last) ?? false
    expect(desk.ok).toBe(!batchIssued)
    if (desk.ok) {
      expect(final.result?.skipped.find((s) => s.email === last)?.reason).toMatch(/already holds/)
    }
  })
})
