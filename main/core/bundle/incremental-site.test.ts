/**
 * An incremental export renders only the units whose inputs changed and reads no other award: the
 * site that the bundles build, applied in order, must be the very site a full export writes.
 */
import { cpSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectHolds,
  expectSameFiles,
  newKit,
  siteFiles,
  type Kit
} from './site-test-kit.test-support.js'

let kit: Kit
beforeAll(async () => {
  kit = await newKit()
})
afterAll(async () => {
  await kit.close()
})

describe('incremental export', () => {
  it('bundles applied in order give the full export byte for byte, after awards, revocations and reissues', async () => {
    const site = path.join(kit.work, 'site')
    mkdirSync(site)
    let n = 0
    const exportAndApply = async (): Promise<number> => {
      const out = path.join(kit.work, `bundle-${++n}`)
      const r = await kit.exportSite({ out })
      cpSync(out, site, { recursive: true })
      return r.files
    }
    const speaker = await kit.badge('Speaker')
    const ids: string[] = []
    for (let i = 0; i < 6; i++) {
      ids.push(await kit.award(speaker, `p${i}@example.org`, `Person ${i}`))
    }
    await exportAndApply()

    // New awards (one to a person who has one), a revocation, a reissue, a second badge.
    const chair = await kit.badge('Session Chair')
    ids.push(await kit.award(chair, 'p1@example.org', 'Person 1'))
    ids.push(await kit.award(speaker, 'new@example.org', 'New Person'))
    await kit.call('awards:revoke', { id: ids[2] ?? '', reason: 'Awarded by mistake' })
    const { issued } = await kit.call('awards:reissue', { id: ids[3] ?? '', name: 'Person Three' })
    const second = await exportAndApply()
    // Proportional: the new awards' files, the changed ones, status list, pages, manifest.
    expect(second).toBeLessThan(siteFiles(site).length / 2)

    await kit.call('awards:revoke', { id: issued.id, reason: 'Withdrawn' })
    await exportAndApply()
    // Nothing changed since: the same incremental bundle again, byte for byte.
    const again = path.join(kit.work, 'again')
    expect((await kit.exportSite({ out: again })).unchanged).toBe(true)
    const last = path.join(kit.work, `bundle-${n}`)
    expectSameFiles(last, again)

    const full = path.join(kit.work, 'full')
    const r = await kit.exportSite({ out: full, full: true })
    expect(r.unchanged).toBe(true)
    expectHolds(site, full)
    const fullFiles = siteFiles(full)
    const applied = new Set(siteFiles(site))
    // What the bundles hold beyond the full site: only earlier manifests, their segments, and
    // earlier status lists at their pinned (content-addressed) paths.
    const inFull = new Set(fullFiles)
    const extra = [...applied].filter((p) => !inFull.has(p))
    const earlier = (p: string): boolean =>
      p.startsWith('kiln-manifests/') || /^status\/[^/]+\/[0-9a-f]{64}\.json$/.test(p)
    expect(extra.length).toBeGreaterThan(0)
    expect(extra.filter((p) => !earlier(p))).toEqual([])
    expect(fullFiles).toContain(`credentials/${encodeURIComponent(issued.id)}.json`)

    const verified = await kit.call('bundle:verify', { dir: site })
    expect(verified.problems).toEqual([])
    expect(verified.ok).toBe(true)
    expect(verified.credentials.valid).toBe(ids.length - 2)
    expect(verified.credentials.revoked).toBe(3)
  })
})
