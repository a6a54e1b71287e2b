/**
 * analytics:summary — how badges perform, in one pass over the award ledger (plus the small
 * catalog and the rule-run facts). 50,000 awards take a few tens of milliseconds.
 */
import type {
  AnalyticsBadgeRow,
  AnalyticsBucket,
  AnalyticsSeries,
  AnalyticsSummary,
  ExpiringAward
} from '../../../shared/methods/analytics.js'
import type { AwardLedger } from '../awards/ledger.js'
import type { BadgeRecord } from '../station/catalog-model.js'
import type { RuleRunFact } from './journal-index.js'
import { bucketLabel, bucketNumber, DAY_MS, fitBucket, isoMs, resolveRange } from './dates.js'

export type SummaryInput = Readonly<{
  from?: string
  to?: string
  bucket: AnalyticsBucket
  utcOffsetMinutes?: number
  top?: number
}>

export type SummarySources = Readonly<{
  ledger: AwardLedger
  badges: readonly BadgeRecord[]
  automaticAwardIds: ReadonlySet<string>
  ruleRuns: readonly RuleRunFact[]
  now?: Date
}>

type Tally = {
  awards: number
  automatic: number
  revocations: number
  allTime: number
  last: string
}

const DEFAULT_TOP = 8
const MAX_EXPIRING_ROWS = 200

function tallyOf(map: Map<string, Tally>, badgeId: string): Tally {
  let t = map.get(badgeId)
  if (!t) {
    t = { awards: 0, automatic: 0, revocations: 0, allTime: 0, last: '' }
    map.set(badgeId, t)
  }
  return t
}

export function summarise(input: SummaryInput, sources: SummarySources): AnalyticsSummary {
  const now = sources.now ?? new Date()
  const nowMs = now.getTime()
  const offsetMs = (input.utcOffsetMinutes ?? 0) * 60_000
  const { fromMs, toMs } = resolveRange(input.from, input.to, input.utcOffsetMinutes ?? 0, now)
  const { ledger } = sources
  const inRange = (ms: number) => ms >= fromMs && ms <= toMs

  const tallies = new Map<string, Tally>()
  const reasons = new Map<string, { reason: string; count: number }>()
  // Awards in range, for the series: their time and badge (filled in the pass, bucketed after).
  let hits = 0
  const expiring: ExpiringAward[] = []
  let awards = 0
  let automatic = 0
  let revocations = 0
  let corrections = 0
  let within30 = 0
  let within90 = 0
  let earliest = Number.POSITIVE_INFINITY

  // One pass over the ledger's columns (no object per award, no journal line read): ids and
  // names are read only for the few awards that are revoked, expiring or made by a rule.
  const table = ledger.table({ ids: sources.automaticAwardIds.size > 0 })
  const automaticRows = new Set<number>()
  for (const id of sources.automaticAwardIds) {
    const row = table.rowOf(id)
    if (row !== undefined) automaticRows.add(row)
  }
  const byNumber: Tally[] = []
  const tallyOfRow = (row: number): Tally => {
    const b = table.badge(row)
    return (byNumber[b] ??= tallyOf(tallies, table.badges[b] ?? ''))
  }
  const counted = new Uint8Array(table.rows)
  const hitTimes = new Float64Array(table.rows)
  const hitBadges = new Uint32Array(table.rows)
  const corrected = table.replaces.size > 0

  // Revoked awards are settled after the pass: a reissue's replacement comes after the original.
  const replaced = new Set(table.replaces.values())
  // Awards of one batch share their date: each distinct run of dates is parsed once.
  let lastDate: string | undefined
  let lastMs = Number.NaN
  for (let row = 0; row < table.rows; row++) {
    const awardedDate = table.awarded[row] ?? ''
    if (awardedDate !== lastDate) {
      lastDate = awardedDate
      lastMs = isoMs(awardedDate)
    }
    const awardedMs = lastMs
    const t = tallyOfRow(row)
    if (corrected && table.replaces.has(row)) {
      if (inRange(awardedMs)) corrections++
      continue
    }
    t.allTime++
    if (awardedDate > t.last) t.last = awardedDate
    if (inRange(awardedMs)) {
      awards++
      t.awards++
      if (automaticRows.has(row)) {
        automatic++
        t.automatic++
      }
      counted[row] = 1
      hitTimes[hits] = awardedMs
      hitBadges[hits++] = table.badge(row)
      if (awardedMs < earliest) earliest = awardedMs
    }
  }
  const revoked: Array<
    Readonly<{ badgeId: string; id: string; revokedAt: string; reason: string }>
  > = []
  for (const [row, revocation] of [...table.revoked].sort((a, b) => a[0] - b[0])) {
    revoked.push({
      badgeId: table.badges[table.badge(row)] ?? '',
      id: table.id(row),
      revokedAt: revocation.revokedAt,
      reason: revocation.reason
    })
  }
  for (const [row, validUntil] of [...table.validUntil].sort((a, b) => a[0] - b[0])) {
    if (table.revoked.has(row) || !validUntil) continue
    const left = isoMs(validUntil) - nowMs
    if (left > 0 && left <= 90 * DAY_MS) {
      within90++
      if (left <= 30 * DAY_MS) within30++
      expiring.push({
        awardId: table.id(row),
        badgeId: table.badges[table.badge(row)] ?? '',
        badgeName: '',
        recipientName: table.name(row),
        validUntil
      })
    }
  }
  const recipients = table.distinctEmails(counted)
  for (const r of revoked) {
    // A correction's revocation is part of the reissue, not a revocation of the badge.
    if (replaced.has(r.id) || !inRange(isoMs(r.revokedAt))) continue
    revocations++
    tallyOf(tallies, r.badgeId).revocations++
    const reason = r.reason.trim() || 'No reason given'
    const key = reason.toLowerCase()
    const seen = reasons.get(key)
    if (seen) seen.count++
    else reasons.set(key, { reason, count: 1 })
  }

  const badgeById = new Map(sources.badges.map((b) => [b.id, b] as const))
  const nameOf = (badgeId: string) => badgeById.get(badgeId)?.content.name ?? badgeId

  // The badge table: every published badge, and every badge that was ever awarded.
  const rows: AnalyticsBadgeRow[] = []
  for (const b of sources.badges) {
    if (b.status === 'published' || tallies.has(b.id)) {
      rows.push(badgeRow(b.id, b, tallies.get(b.id)))
    }
  }
  for (const [badgeId, t] of tallies) {
    if (!badgeById.has(badgeId)) rows.push(badgeRow(badgeId, undefined, t))
  }
  rows.sort(
    (a, b) =>
      b.awards - a.awards || b.allTimeAwards - a.allTimeAwards || a.name.localeCompare(b.name)
  )

  const byTag = new Map<string, { awards: number; badges: number }>()
  const byType = new Map<string, { awards: number; badges: number }>()
  for (const row of rows) {
    for (const tag of row.tags.length > 0 ? row.tags : ['']) {
      const e = byTag.get(tag) ?? { awards: 0, badges: 0 }
      e.awards += row.awards
      e.badges++
      byTag.set(tag, e)
    }
    const e = byType.get(row.achievementType) ?? { awards: 0, badges: 0 }
    e.awards += row.awards
    e.badges++
    byType.set(row.achievementType, e)
  }

  // Series: the busiest badges in the range, then everything else as "others".
  const firstMs = Number.isFinite(fromMs) ? fromMs : Math.min(earliest, toMs)
  const bucket = fitBucket(firstMs, toMs, input.bucket, offsetMs)
  const first = bucketNumber(firstMs, bucket, offsetMs)
  const span = bucketNumber(toMs, bucket, offsetMs) - first + 1
  const buckets = Array.from({ length: span }, (_, i) => bucketLabel(first + i, bucket))
  const topIds = rows
    .filter((r) => r.awards > 0)
    .slice(0, input.top ?? DEFAULT_TOP)
    .map((r) => r.badgeId)
  const seriesIndex = new Map(topIds.map((id, i) => [id, i] as const))
  const lineOf = table.badges.map((id) => seriesIndex.get(id) ?? topIds.length)
  const counts = Array.from({ length: topIds.length + 1 }, () => new Array<number>(span).fill(0))
  let lastHitMs = Number.NaN
  let lastSlot = 0
  for (let i = 0; i < hits; i++) {
    const ms = hitTimes[i] as number
    if (ms !== lastHitMs) {
      lastHitMs = ms
      lastSlot = bucketNumber(ms, bucket, offsetMs) - first
    }
    const slot = lastSlot
    const line = counts[lineOf[hitBadges[i] as number] ?? topIds.length]
    if (line && slot >= 0 && slot < span) line[slot] = (line[slot] ?? 0) + 1
  }
  const series: AnalyticsSeries[] = topIds.map((badgeId, i) =>
    seriesOf(badgeId, nameOf(badgeId), counts[i])
  )
  const others = seriesOf('', 'Others', counts[topIds.length])
  if (others.total > 0) series.push(others)

  const runs = sources.ruleRuns.filter((r) => !r.dryRun && inRange(isoMs(r.ts)))
  const byRule = new Map<
    string,
    { ruleId: string; ruleName: string; runs: number; awardsMade: number; lastRun: string }
  >()
  for (const r of runs) {
    const e = byRule.get(r.ruleId) ?? {
      ruleId: r.ruleId,
      ruleName: r.ruleName,
      runs: 0,
      awardsMade: 0,
      lastRun: ''
    }
    e.runs++
    e.awardsMade += r.awarded
    e.ruleName = r.ruleName
    if (r.ts > e.lastRun) e.lastRun = r.ts
    byRule.set(r.ruleId, e)
  }

  expiring.sort((a, b) => a.validUntil.localeCompare(b.validUntil))
  return {
    ...(Number.isFinite(fromMs)
      ? { from: new Date(fromMs).toISOString() }
      : earliest < Infinity
        ? { from: new Date(earliest).toISOString() }
        : {}),
    to: new Date(toMs).toISOString(),
    bucket,
    generatedAt: now.toISOString(),
    totals: {
      awards,
      automatic,
      manual: awards - automatic,
      revocations,
      corrections,
      recipients,
      badgesAwarded: rows.filter((r) => r.awards > 0).length
    },
    buckets,
    series,
    byTag: [...byTag]
      .map(([tag, e]) => ({ tag, ...e }))
      .sort((a, b) => b.awards - a.awards || a.tag.localeCompare(b.tag)),
    byType: [...byType]
      .map(([achievementType, e]) => ({ achievementType, ...e }))
      .sort((a, b) => b.awards - a.awards || a.achievementType.localeCompare(b.achievementType)),
    revocationReasons: [...reasons.values()].sort(
      (a, b) => b.count - a.count || a.reason.localeCompare(b.reason)
    ),
    expiring: {
      within30,
      within90,
      soonest: expiring
        .slice(0, MAX_EXPIRING_ROWS)
        .map((e) => ({ ...e, badgeName: nameOf(e.badgeId) }))
    },
    ruleRuns: {
      runs: runs.length,
      awardsMade: runs.reduce((n, r) => n + r.awarded, 0),
      byRule: [...byRule.values()].sort(
        (a, b) => b.awardsMade - a.awardsMade || a.ruleName.localeCompare(b.ruleName)
      )
    },
    neverAwarded: sources.badges
      .filter((b) => b.status === 'published' && (tallies.get(b.id)?.allTime ?? 0) === 0)
      .map((b) => ({
        badgeId: b.id,
        name: b.content.name,
        ...(b.versions[0] ? { publishedAt: b.versions[0].publishedAt } : {}),
        tags: b.content.tags
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    badges: rows
  }
}

function seriesOf(badgeId: string, name: string, counts: number[] | undefined): AnalyticsSeries {
  const line = counts ?? []
  return { badgeId, name, counts: line, total: line.reduce((n, c) => n + c, 0) }
}

function badgeRow(
  badgeId: string,
  badge: BadgeRecord | undefined,
  t: Tally | undefined
): AnalyticsBadgeRow {
  return {
    badgeId,
    name: badge?.content.name ?? badgeId,
    status: badge?.status ?? 'deleted',
    achievementType: badge?.content.achievementType ?? 'Unknown',
    tags: badge?.content.tags ?? [],
    awards: t?.awards ?? 0,
    automatic: t?.automatic ?? 0,
    revocations: t?.revocations ?? 0,
    allTimeAwards: t?.allTime ?? 0,
    ...(t?.last ? { lastAwarded: t.last } : {})
  }
}
