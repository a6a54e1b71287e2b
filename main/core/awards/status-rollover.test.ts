import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { slotOf } from './ledger.js'
import { csvBase64, freshKit, jobResult, peopleCsv, type Kit } from './test-support/station-kit.js'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

/** Lists of 16 entries (production lists hand out 131,072), so a test fills one quickly. */
const SMALL = { statusLists: { entriesPerList: 16 } }

async function award(k: Kit, i: number) {
  return k.call('awards:issue', { badgeId: k.badgeId, email: `p${i}@example.org`, name: `P ${i}` })
}

async function batch(k: Kit, count: number, offset: number) {
  const preview = await k.call('awards:batchPreview', {
    badgeId: k.badgeId,
    source: { csvBase64: csvBase64(peopleCsv(count, offset)) }
  })
  const { jobId } = await k.call('awards:batchStart', { previewId: preview.previewId })
  return jobResult(k.core, jobId, 'awards:batch')
}

/** Each award's list and index, from the ledger's record and from the signed credential. */
function slots(k: Kit) {
  const ledger = k.core.station.awards
  return ledger.ids().map((id) => {
    const record = ledger.record(id)
    const credential = ledger.credential(id)
    if (!record || !credential) throw new Error(`award ${id} is missing`)
    const status = credential.credentialStatus as Record<string, unknown>
    return { ...slotOf(record), url: status.statusListCredential, at: status.statusListIndex }
  })
}

const LIST_1 = /\/status\/st[0-9a-f]+-1\.json$/
const LIST_2 = /\/status\/st[0-9a-f]+-2\.json$/

describe('status lists that roll over', () => {
  it('the award after a full list starts list 2 (its own URL), with random indexes in each list', async () => {
    kit = await freshKit({}, undefined, undefined, SMALL)
    for (let i = 0; i < 17; i++) await award(kit, i)
    const all = slots(kit)
    const first = all.slice(0, 16)
    expect(first.every((s) => s.list === 1 && LIST_1.test(String(s.url)))).toBe(true)
    // list 1 is full: every index 0…15 once, handed out in a shuffled order
    expect(first.map((s) => s.index).sort((a, b) => a - b)).toEqual([...Array(16).keys()])
    expect(first.map((s) => s.index)).not.toEqual([...Array(16).keys()])
    const last = all[16]
    expect(last?.list).toBe(2)
    expect(String(last?.url)).toMatch(LIST_2)
    expect(String(last?.url).replace(/-2\.json$/, '')).toBe(
      String(first[0]?.url).replace(/-1\.json$/, '')
    )
    expect(last?.index).toBeLessThan(16)
    // the credential's entry says exactly what the record says
    for (const s of all) expect(s.at).toBe(String(s.index))
    // after a reopen the station continues in list 2 (the projection is rebuilt from the journal)
    await kit.reopen()
    await award(kit, 17)
    expect(slots(kit).at(-1)?.list).toBe(2)
    expect(kit.core.station.awards.statusSlots.usedCount(2)).toBe(2)
  })

  it('a batch that crosses the boundary issues every row: some in list 1, the rest in list 2', async () => {
    kit = await freshKit({}, undefined, undefined, SMALL)
    for (let i = 0; i < 10; i++) await award(kit, i)
    const done = await batch(kit, 20, 100)
    expect(done.state).toBe('done')
    expect(done.result?.issued).toHaveLength(20)
    const all = slots(kit)
    expect(all).toHaveLength(30)
    expect(all.filter((s) => s.list === 1)).toHaveLength(16)
    expect(all.filter((s) => s.list === 2)).toHaveLength(14)
    expect(new Set(all.map((s) => `${s.list}:${s.index}`)).size).toBe(30)
    for (const s of all) expect(String(s.url)).toMatch(s.list === 1 ? LIST_1 : LIST_2)
  })

  it('a batch that would not fit is refused before it starts; nothing is issued', async () => {
    kit = await freshKit({}, undefined, undefined, {
      statusLists: { entriesPerList: 16, maxLists: 2 }
    })
    expect((await batch(kit, 20, 0)).result?.issued).toHaveLength(20)
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(13, 100)) }
    })
    const refused = await kit.fails('awards:batchStart', { previewId: preview.previewId })
    expect(refused.code).toBe('STATUS_LISTS_FULL')
    expect(refused.message).toMatch(/13 awards do not fit.*room for 12 more.*nothing was issued/)
    expect(refused.details).toMatchObject({ wanted: 13, remaining: 12, maxLists: 2 })
    expect(kit.core.station.awards.size).toBe(20)
    // exactly what fits still goes through, then a single award is refused the same way
    expect((await batch(kit, 12, 100)).result?.issued).toHaveLength(12)
    const single = await kit.fails('awards:issue', {
      badgeId: kit.badgeId,
      email: 'one.more@example.org',
      name: 'One More'
    })
    expect(single.code).toBe('STATUS_LISTS_FULL')
    expect(single.message).toMatch(
      /Every status list of this station is full \(2 lists, 32 awards\)/
    )
    expect(kit.core.station.awards.size).toBe(32)
  })

  it('a running batch holds its entries: a second batch that would not fit with it is refused at once', async () => {
    kit = await freshKit({}, undefined, undefined, {
      statusLists: { entriesPerList: 16, maxLists: 1 }
    })
    const preview = async (count: number, offset: number) =>
      (
        await kit?.call('awards:batchPreview', {
          badgeId: kit.badgeId,
          source: { csvBase64: csvBase64(peopleCsv(count, offset)) }
        })
      )?.previewId ?? ''
    const first = await preview(10, 0)
    const second = await preview(7, 100)
    // Both starts are queued before the first batch's first chunk: without the hold the second
    // would see 16 free entries, start, and one of the two would stop half-way.
    const [a, b] = await Promise.all([
      kit.core.dispatch('awards:batchStart', { previewId: first }, { host: 'cli' }),
      kit.core.dispatch('awards:batchStart', { previewId: second }, { host: 'cli' })
    ])
    expect(b.ok ? 'started' : b.error.code).toBe('STATUS_LISTS_FULL')
    if (!a.ok) throw new Error(a.error.message)
    const started = z.object({ jobId: z.string() }).parse(a.value)
    const done = await jobResult(kit.core, started.jobId, 'awards:batch')
    expect(done.result?.issued).toHaveLength(10)
    expect(kit.core.station.statusHolds.total()).toBe(0)
    // what is left after it fits, and a desk award still gets in
    expect((await batch(kit, 5, 200)).result?.issued).toHaveLength(5)
    await award(kit, 300)
    expect(kit.core.station.awards.size).toBe(16)
  })
})
