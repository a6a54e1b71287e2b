import { describe, expect, it } from 'vitest'
import { AwardLedger, type AwardRecord } from '../awards/ledger.js'
import type { BadgeRecord } from '../station/catalog-model.js'
import { parseRawEntry } from '../journal/parse.js'
import { JournalIndex } from './journal-index.js'
import { summarise, type SummaryInput } from './summary.js'

/** These tests feed entries by hand: their lines' places do not matter. */
const AT = { start: 0, length: 0 }
const STATION = 'st0000000001'
const NOW = new Date('2025-06-20T12:00:00Z')

function badge(
  id: string,
  name: string,
  tags: string[],
  achievementType = 'Badge',
  status: BadgeRecord['status'] = 'published'
): BadgeRecord {
  const content = {
    name,
    description: 'd',
    criteria: { narrative: 'c' },
    tags,
    achievementType,
    alignments: [],
    expiry: { kind: 'never' as const }
  }
  return {
    id,
    status,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    content,
    versions:
      status === 'draft' ? [] : [{ version: 1, publishedAt: '2025-01-02T00:00:00Z', content }]
  }
}

/** Feeds journal entries to a ledger and a journal index, as the station does. */
class Feed {
  readonly ledger = new AwardLedger()
  readonly index = new JournalIndex()
  private seq = 0

  push(type: string, data: unknown, ts: string): void {
    this.seq++
    const parsed = parseRawEntry({ seq: this.seq, ts, station: STATION, type, data, prev: '' })
    if (!parsed.ok) throw new Error(parsed.reason)
    this.ledger.apply(parsed.entry, AT)
    this.index.apply(parsed.entry, AT)
  }

  award(
    id: string,
    badgeId: string,
    email: string,
    awardedDate: string,
    extra: Partial<AwardRecord> = {}
  ): void {
    const award: AwardRecord = {
      id,
      badgeId,
      badgeVersion: 1,
      recipientName: email.split('@')[0] ?? email,
      recipientEmail: email,
      salt: 's',
      credentialId: `urn:uuid:${id}`,
      awardedDate,
      validFrom: awardedDate,
      statusIndex: this.seq,
      stationId: STATION,
      operator: 'Desk A',
      ...extra
    }
    this.push('award.issued', { award, credentialJson: '{}' }, awardedDate)
  }

  revoke(awardId: string, reason: string, revokedAt: string): void {
    this.push('award.revoked', { awardId, reason, revokedAt, operator: 'Desk B' }, revokedAt)
  }

  ruleRun(ruleId: string, awardIds: string[], ts: string, dryRun = false): void {
    this.push(
      'rule.run',
      {
        runId: 'r',
        ruleId,
        ruleName: `Rule ${ruleId}`,
        awardBadgeId: 'x',
        dryRun,
        trigger: 'manual',
        counts: {
          eligible: awardIds.length,
          awarded: dryRun ? 0 : awardIds.length,
          alreadyHold: 0,
          noEmail: 0,
          failed: 0
        },
        awardIds: dryRun ? [] : awardIds
      },
      ts
    )
  }

  summary(badges: BadgeRecord[], input: Partial<SummaryInput> = {}) {
    return summarise(
      { bucket: 'day', ...input },
      {
        ledger: this.ledger,
        badges,
        automaticAwardIds: this.index.automaticAwardIds,
        ruleRuns: this.index.ruleRuns,
        now: NOW
      }
    )
  }
}

const BADGES = [
  badge('teamwork', 'Teamwork', ['soft-skills']),
  badge('glaze', 'Glaze basics', ['ceramics', 'workshop'], 'Certificate'),
  badge('never', '=HYPERLINK("x")', ['ceramics']),
  badge('draft', 'Draft only', [], 'Badge', 'draft')
]

describe('analytics summary', () => {
  it('counts awards, revocations, corrections, automatic awards and expiry in a range', () => {
    const f = new Feed()
    f.award('a1', 'teamwork', 'ana@example.org', '2025-06-01T09:00:00Z')
    f.award('a2', 'teamwork', 'bo@example.org', '2025-06-02T09:00:00Z', {
      validUntil: '2025-07-10T00:00:00Z'
    })
    f.award('a3', 'glaze', 'ana@example.org', '2025-06-02T10:00:00Z', {
      validUntil: '2025-09-01T00:00:00Z'
    })
    f.award('a4', 'glaze', 'cy@example.org', '2025-05-15T10:00:00Z')
    f.ruleRun('r1', ['a3'], '2025-06-02T10:00:01Z')
    f.ruleRun('r1', [], '2025-06-03T10:00:01Z', true)
    f.revoke('a2', 'Issued in error', '2025-06-05T08:00:00Z')
    f.revoke('a4', 'issued in error ', '2025-06-06T08:00:00Z')
    // A reissue: the old one revoked, a replacement with the original awardedDate.
    f.revoke('a1', 'reissued: name "ana" → "Ana"', '2025-06-07T08:00:00Z')
    f.award('a5', 'teamwork', 'ana@example.org', '2025-06-01T09:00:00Z', { replacesAwardId: 'a1' })

    const s = f.summary(BADGES, { from: '2025-06-01', to: '2025-06-30' })
    expect(s.totals).toEqual({
      awards: 3,
      automatic: 1,
      manual: 2,
      revocations: 2,
      corrections: 1,
      recipients: 2,
      badgesAwarded: 2
    })
    expect(s.revocationReasons).toEqual([{ reason: 'Issued in error', count: 2 }])
    expect(s.expiring.within30).toBe(0)
    expect(s.expiring.within90).toBe(1)
    expect(s.expiring.soonest.map((e) => [e.awardId, e.badgeName])).toEqual([
      ['a3', 'Glaze basics']
    ])
    expect(s.ruleRuns).toEqual({
      runs: 1,
      awardsMade: 1,
      byRule: [
        {
          ruleId: 'r1',
          ruleName: 'Rule r1',
          runs: 1,
          awardsMade: 1,
          lastRun: '2025-06-02T10:00:01Z'
        }
      ]
    })
    expect(s.neverAwarded.map((b) => b.name)).toEqual(['=HYPERLINK("x")'])
    expect(
      s.badges.map((b) => [
        b.name,
        b.awards,
        b.automatic,
        b.revocations,
        b.allTimeAwards,
        b.lastAwarded
      ])
    ).toEqual([
      ['Teamwork', 2, 0, 1, 2, '2025-06-02T09:00:00Z'],
      ['Glaze basics', 1, 1, 1, 2, '2025-06-02T10:00:00Z'],
      ['=HYPERLINK("x")', 0, 0, 0, 0, undefined]
    ])
    expect(s.byTag).toEqual([
      { tag: 'soft-skills', awards: 2, badges: 1 },
      { tag: 'ceramics', awards: 1, badges: 2 },
      { tag: 'workshop', awards: 1, badges: 1 }
    ])
    expect(s.byType).toEqual([
      { achievementType: 'Badge', awards: 2, badges: 2 },
      { achievementType: 'Certificate', awards: 1, badges: 1 }
    ])
    expect(s.bucket).toBe('day')
    expect(s.buckets).toHaveLength(30)
    expect(s.buckets[0]).toBe('2025-06-01')
    expect(s.series.map((x) => [x.name, x.counts.slice(0, 3), x.total])).toEqual([
      ['Teamwork', [1, 1, 0], 2],
      ['Glaze basics', [0, 1, 0], 1]
    ])
  })

  it('puts the badges beyond the top N into "Others", and counts expiry within 30 days as of now', () => {
    const f = new Feed()
    f.award('a1', 'teamwork', 'a@example.org', '2025-06-01T09:00:00Z', {
      validUntil: '2025-07-01T00:00:00Z'
    })
    f.award('a2', 'teamwork', 'b@example.org', '2025-06-01T09:00:00Z')
    f.award('a3', 'glaze', 'c@example.org', '2025-06-03T09:00:00Z')
    f.award('a4', 'gone', 'd@example.org', '2025-06-03T09:00:00Z')
    const s = f.summary(BADGES, { from: '2025-06-01', to: '2025-06-03', top: 1 })
    expect(s.series.map((x) => [x.badgeId, x.name, x.counts])).toEqual([
      ['teamwork', 'Teamwork', [2, 0, 0]],
      ['', 'Others', [0, 0, 2]]
    ])
    expect(s.expiring.within30).toBe(1)
    // An award of a badge no longer in the catalog still shows, by its id.
    expect(s.badges.find((b) => b.badgeId === 'gone')).toMatchObject({
      name: 'gone',
      status: 'deleted',
      awards: 1
    })
  })

  it('reads dates at the desk offset and groups by ISO week or month', () => {
    const f = new Feed()
    // 23:30 UTC on Sunday 1 June is Monday 2 June at UTC+2.
    f.award('a1', 'teamwork', 'a@example.org', '2025-06-01T23:30:00Z')
    const utc = f.summary(BADGES, { from: '2025-05-26', to: '2025-06-08', bucket: 'week' })
    expect(utc.buckets).toEqual(['2025-05-26', '2025-06-02'])
    expect(utc.series[0]?.counts).toEqual([1, 0])
    const local = f.summary(BADGES, {
      from: '2025-05-26',
      to: '2025-06-08',
      bucket: 'week',
      utcOffsetMinutes: 120
    })
    expect(local.series[0]?.counts).toEqual([0, 1])
    const months = f.summary(BADGES, { from: '2025-01-01', to: '2025-12-31', bucket: 'month' })
    expect(months.buckets).toHaveLength(12)
    expect(months.series[0]?.counts[5]).toBe(1)
  })

  it('with no range covers all time, and coarsens daily buckets that would be too many', () => {
    const f = new Feed()
    f.award('a1', 'teamwork', 'a@example.org', '2020-03-01T09:00:00Z')
    f.award('a2', 'glaze', 'b@example.org', '2025-06-01T09:00:00Z')
    const s = f.summary(BADGES, { bucket: 'day' })
    expect(s.from).toBe('2020-03-01T09:00:00.000Z')
    expect(s.to).toBe(NOW.toISOString())
    expect(s.bucket).toBe('month')
    expect(s.buckets[0]).toBe('2020-03-01')
    expect(s.totals.awards).toBe(2)
    const empty = new Feed().summary(BADGES, {})
    expect(empty.totals.awards).toBe(0)
    expect(empty.series).toEqual([])
    expect(empty.neverAwarded).toHaveLength(3)
  })

  it('refuses a range that ends before it starts', () => {
    expect(() => new Feed().summary(BADGES, { from: '2025-06-10', to: '2025-06-01' })).toThrow(
      /starts/
    )
  })

  it('summarises 50,000 awards in one pass', () => {
    const f = new Feed()
    const badges = Array.from({ length: 40 }, (_, i) =>
      badge(`b${i}`, `Badge ${i}`, [`tag-${i % 6}`])
    )
    const start = Date.parse('2024-06-01T00:00:00Z')
    const ruleIds: string[] = []
    for (let i = 0; i < 50_000; i++) {
      const day = i % 365
      const awarded = new Date(start + day * 86_400_000 + (i % 1000) * 1000).toISOString()
      // Skewed popularity: badge 39 gets the most.
      const b = Math.floor(Math.sqrt(i % 1600))
      f.award(
        `a${i}`,
        `b${b}`,
        `p${i % 20_000}@example.org`,
        awarded,
        i % 7 === 0 ? { validUntil: '2025-08-01T00:00:00Z' } : {}
      )
      if (i % 10 === 0) ruleIds.push(`a${i}`)
      if (i % 50 === 0) f.revoke(`a${i}`, i % 100 === 0 ? 'Left early' : 'Duplicate', awarded)
    }
    f.ruleRun('bulk', ruleIds, '2025-06-01T00:00:00Z')

    // How fast: bench/responsiveness.ts (BENCHMARKS.md), never a stopwatch in a test.
    const s = f.summary(badges, { from: '2025-01-01', to: '2025-06-30' })
    const all = f.summary(badges, {})

    expect(all.totals.awards).toBe(50_000)
    expect(all.totals.revocations).toBe(1000)
    expect(all.revocationReasons).toEqual([
      { reason: 'Duplicate', count: 500 },
      { reason: 'Left early', count: 500 }
    ])
    expect(all.totals.automatic).toBe(5000)
    expect(all.totals.recipients).toBe(20_000)
    expect(all.series).toHaveLength(9)
    expect(all.series.reduce((n, x) => n + x.total, 0)).toBe(50_000)
    expect(all.badges[0]?.badgeId).toBe('b39')
    // The range: days 214..364 since 2024-06-01 (1 Jan 2025 is day 214).
    let expected = 0
    for (let i = 0; i < 50_000; i++) if (i % 365 >= 214) expected++
    expect(s.totals.awards).toBe(expected)
    expect(s.series.reduce((n, x) => n + x.total, 0)).toBe(expected)
    expect(s.buckets).toHaveLength(181)
  })
})
