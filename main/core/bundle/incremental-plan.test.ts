/**
 * The incremental export's fast path (incremental-plan.ts): what it decides to build from the
 * journal since the last export, and that the bundles it writes, applied in order, are still the
 * very site a full export writes, byte for byte.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectHolds, expectSameFiles, newKit, type Kit } from './site-test-kit.test-support.js'
import { nextExportPlan } from './export-bundle.js'
import { AWARDS_PER_BLOCK, PEOPLE_PER_BLOCK } from './site-units.js'

let kit: Kit
// The station's clock (awards, revocations); badges and keys are dated by the system's.
let now = new Date()
beforeAll(async () => {
  kit = await newKit({ clock: () => now })
})
afterAll(async () => {
  await kit.close()
})

const later = (ms: number): void => {
  now = new Date(now.getTime() + ms)
}

describe('incremental export from the journal since the last export', () => {
  it('builds only what changed (revocation, expiry, a second award on an earlier page), walks all after a global change or an old record, and equals a full export', async () => {
    const site = path.join(kit.work, 'site')
    mkdirSync(site)
    let n = 0
    const dataDir = kit.core.station.paths.dataDir
    /** Exports (incremental), applies the bundle, and checks the site against a full export. */
    const exportAndCheck = async (): Promise<void> => {
      const out = path.join(kit.work, `bundle-${++n}`)
      await kit.exportSite({ out })
      cpSync(out, site, { recursive: true })
      const full = path.join(kit.work, `full-${n}`)
      await kit.exportSite({ out: full, full: true })
      expectHolds(site, full)
    }
    const speaker = await kit.badge('Speaker')
    const visitor = await kit.call('badges:create', {
      name: 'Visitor',
      description: 'Visited for a day',
      criteriaNarrative: 'Come by',
      expiry: { kind: 'months', months: 1 }
    })
    await kit.call('badges:publish', { id: visitor.id })
    // The first award expires (row 0, the first page); then more people than one block of
    // personal pages, so the early people's pages are on an earlier block than new people's.
    const expiring = await kit.award(visitor.id, 'v@example.org', 'Vera Visitor')
    const ids: string[] = []
    for (let i = 0; i <= PEOPLE_PER_BLOCK; i++) {
      ids.push(await kit.award(speaker, `p${i}@example.org`, `Person ${i}`))
    }
    expect(await nextExportPlan(kit.core.station)).toBeUndefined()
    await exportAndCheck()

    // A record from before the export kept where it stood: every award is walked once.
    const statePath = path.join(dataDir, 'bundles', 'state.json')
    const state: unknown = JSON.parse(readFileSync(statePath, 'utf8'))
    expect(state).toHaveProperty('since')
    if (typeof state === 'object' && state !== null) Reflect.deleteProperty(state, 'since')
    writeFileSync(statePath, JSON.stringify(state))
    later(60_000)
    ids.push(await kit.award(speaker, 'q@example.org', 'Quinn'))
    expect(await nextExportPlan(kit.core.station)).toBeUndefined()
    await exportAndCheck()

    // A revocation only: its award block, its recipient's page, the status list.
    later(60_000)
    await kit.call('awards:revoke', { id: ids[3] ?? '', reason: 'Awarded by mistake' })
    const revoked = await nextExportPlan(kit.core.station)
    expect(revoked).toBeDefined()
    expect(revoked?.partial.awardRows).toContain(4)
    expect(revoked?.partial.plans.map(([page]) => page)).toContain(4)
    await exportAndCheck()

    // A second award to the first person: their page is on the first people block, while the
    // new award lands in the last award block.
    later(60_000)
    await kit.award(visitor.id, 'p0@example.org', 'Person 0')
    const second = await nextExportPlan(kit.core.station)
    expect(second).toBeDefined()
    const pages = second?.partial.plans.map(([page]) => page) ?? []
    expect(pages).toContain(1)
    expect(pages.every((page) => page < PEOPLE_PER_BLOCK)).toBe(true)
    expect(second?.order.filter((b) => b.startsWith('people.'))).toEqual(['people.0', 'people.1'])
    await exportAndCheck()

    // Two months on, a new award moves the state time past the visitor's expiry: that award's
    // page and its recipient's page change with it.
    later(62 * 24 * 3600_000)
    await kit.award(speaker, 'r@example.org', 'Rosa')
    const crossing = await nextExportPlan(kit.core.station)
    const expiringRow = 0
    expect(crossing).toBeDefined()
    expect(crossing?.partial.awardRows).toContain(expiringRow)
    expect(crossing?.partial.award(expiringRow)?.id).toBe(expiring)
    // Not only because new awards were built beside it: another block and another page block.
    expect(crossing?.partial.awardRows).not.toContain(AWARDS_PER_BLOCK)
    expect(crossing?.partial.plans.map(([page]) => page)).toContain(0)
    await exportAndCheck()

    // A reissue: the new award, and the old one (revoked, replaced by it).
    later(60_000)
    await kit.call('awards:reissue', { id: ids[5] ?? '' })
    expect(await nextExportPlan(kit.core.station)).toBeDefined()
    await exportAndCheck()

    // A badge edit changes what many pages show: every award is walked.
    later(60_000)
    await kit.call('badges:update', { id: speaker, name: 'Keynote Speaker' })
    await kit.call('badges:publish', { id: speaker })
    expect(await nextExportPlan(kit.core.station)).toBeUndefined()
    await exportAndCheck()

    // Nothing changed since: the plan builds the blocks the last bundle carried, to write it again.
    expect(await nextExportPlan(kit.core.station)).toBeDefined()
  }, 120_000)
})

describe('the record of a first export', () => {
  it('says the bundle was the whole site (not every path listed), and the same state exports the same bundle', async () => {
    const first = await newKit()
    try {
      const badge = await first.badge('Speaker')
      for (let i = 0; i < 3; i++) await first.award(badge, `p${i}@example.org`, `Person ${i}`)
      const a = path.join(first.work, 'a')
      const b = path.join(first.work, 'b')
      expect((await first.exportSite({ out: a })).seq).toBe(1)
      const stateFile = path.join(first.core.station.paths.dataDir, 'bundles', 'state.json')
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { lastDelta: unknown }
      expect(state.lastDelta).toBe('full')
      const again = await first.exportSite({ out: b })
      expect(again).toMatchObject({ seq: 1, unchanged: true })
      expectSameFiles(a, b)
    } finally {
      await first.close()
    }
  })
})
