import { afterEach, describe, expect, it } from 'vitest'
import { freshKit, type Kit } from '../awards/test-support/station-kit.js'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()

describe('analytics and audit over a real station', () => {
  it('counts manual and rule awards, revocations and expiry, and tells the journal as sentences', async () => {
    kit = await freshKit({ name: 'Kiln Safety', expiry: { kind: 'date', date: inDays(20) } })
    const k = kit
    const pathway = await k.call('badges:create', {
      name: 'Studio Pathway',
      description: 'All the basics.',
      criteriaNarrative: 'Hold Kiln Safety.',
      tags: ['pathway']
    })
    await k.call('badges:publish', { id: pathway.id })
    const unused = await k.call('badges:create', {
      name: '=HYPERLINK("x")',
      description: 'Nobody earns this.',
      criteriaNarrative: 'None.'
    })
    await k.call('badges:publish', { id: unused.id })

    const ana = await k.call('awards:issue', {
      badgeId: k.badgeId,
      name: 'Ana Müller',
      email: 'ana@example.org',
      operator: 'Desk A'
    })
    const bo = await k.call('awards:issue', {
      badgeId: k.badgeId,
      name: 'Bo Chen',
      email: 'bo@example.org',
      operator: 'Desk A'
    })
    await k.call('awards:revoke', { id: bo.id, reason: 'Issued in error', operator: 'Desk B' })
    await k.call('awards:reissue', { id: ana.id, name: 'Ana Müller-Li', operator: 'Desk B' })
    await k.call('rules:create', {
      name: 'Safety pathway',
      kind: 'pathway',
      requiredBadgeIds: [k.badgeId],
      awardBadgeId: pathway.id
    })
    const run = await k.call('rules:run', { operator: 'Desk C' })
    expect(run.runs[0]?.awarded).toHaveLength(1)

    const check = async () => {
      const s = await k.call('analytics:summary', { bucket: 'day' })
      expect(s.totals).toMatchObject({
        awards: 3,
        automatic: 1,
        manual: 2,
        revocations: 1,
        corrections: 1,
        recipients: 2
      })
      expect(s.revocationReasons).toEqual([{ reason: 'Issued in error', count: 1 }])
      // Ana's corrected credential keeps the 20-day expiry.
      expect(s.expiring).toMatchObject({ within30: 1, within90: 1 })
      expect(s.ruleRuns).toMatchObject({ runs: 1, awardsMade: 1 })
      expect(s.neverAwarded.map((b) => b.name)).toEqual(['=HYPERLINK("x")'])
      expect(s.badges.map((b) => [b.name, b.awards, b.revocations])).toEqual([
        ['Kiln Safety', 2, 1],
        ['Studio Pathway', 1, 0],
        ['=HYPERLINK("x")', 0, 0]
      ])
      return s
    }
    await check()

    const audit = await k.call('audit:list', { offset: 0, limit: 50 })
    const sentences = audit.entries.map((e) => e.summary)
    expect(sentences).toContain('Ana Müller was awarded Kiln Safety by Desk A')
    expect(sentences).toContain('Kiln Safety of Bo Chen was revoked by Desk B: Issued in error')
    expect(sentences).toContain('Ana Müller-Li was reissued Kiln Safety (a correction) by Desk B')
    expect(sentences).toContain('Rule “Safety pathway” ran by Desk C: 1 award made')
    expect(sentences).toContain(
      'Ana Müller-Li was awarded Studio Pathway by Desk C (automatic, by a rule)'
    )
    expect(sentences.at(-1)).toMatch(/^The station was set up for issuer did:web:/)
    expect(audit.entries[0]?.seq).toBe(audit.total)
    // Never an e-mail address or a credential in the audit trail.
    expect(JSON.stringify(audit)).not.toMatch(/@example\.org|proofValue|credentialSubject/)

    const awardsOnly = await k.call('audit:list', { offset: 0, limit: 2, type: 'award' })
    expect(awardsOnly.total).toBe(6)
    expect(awardsOnly.entries).toHaveLength(2)
    expect(awardsOnly.entries.every((e) => e.type.startsWith('award.'))).toBe(true)
    const page2 = await k.call('audit:list', { offset: 2, limit: 2, type: 'award' })
    expect(page2.entries[0]?.seq).toBeLessThan(awardsOnly.entries[1]?.seq ?? 0)
    const found = await k.call('audit:list', { offset: 0, limit: 10, query: 'MULLER awarded kiln' })
    expect(found.entries.map((e) => e.summary)).toEqual([
      'Ana Müller was awarded Kiln Safety by Desk A'
    ])
    const future = await k.call('audit:list', {
      offset: 0,
      limit: 10,
      from: inDays(2).slice(0, 10),
      to: inDays(3).slice(0, 10)
    })
    expect(future.total).toBe(0)
    const bad = await k.fails('audit:list', { offset: 0, limit: 10, type: 'Award Issued!' })
    expect(bad.code).toBe('INVALID_INPUT')

    // The indexes are rebuilt from the journal when the station opens again.
    await k.reopen()
    await check()
    const again = await k.call('audit:list', { offset: 0, limit: 50 })
    expect(again.entries.map((e) => e.summary)).toEqual(sentences)
  })

  it('rejects a range that ends before it starts, and a date that is not one', async () => {
    kit = await freshKit()
    const reversed = await kit.fails('analytics:summary', {
      bucket: 'day',
      from: '2025-06-10',
      to: '2025-06-01'
    })
    expect(reversed).toMatchObject({ code: 'INVALID_INPUT' })
    expect(reversed.message).toMatch(/starts/)
    const notDate = await kit.fails('analytics:summary', { bucket: 'day', from: '2025-13-45' })
    expect(notDate.code).toBe('INVALID_INPUT')
  })
})
