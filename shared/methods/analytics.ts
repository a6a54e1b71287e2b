/**
 * Contract methods of analytics (how badges perform) and the audit trail (the journal).
 *
 * CONTRACT:
 *
 * analytics:summary {from?, to?, bucket, utcOffsetMinutes?, top?} → AnalyticsSummary.
 *   from/to: 'YYYY-MM-DD' (whole local days, `to` inclusive) or ISO date-times; both optional
 *   (no from = since the first award, no to = now). Dates are read, and buckets cut, at
 *   utcOffsetMinutes (the desk's offset from UTC, e.g. 120 for UTC+2; default 0).
 *   bucket 'day' | 'week' (ISO weeks, Monday) | 'month'; too many days for daily buckets are
 *   grouped by week, too many weeks by month (`bucket` in the result says which was used).
 *   "Awards" are credentials issued in the range, not counting corrections (a reissue replaces a
 *   credential: it is counted in `totals.corrections`, and its revocation is not a revocation).
 *   Revocations are counted by the date they were revoked; expiring counts are as of now
 *   (unrevoked, validUntil within 30/90 days). Automatic = issued by a rule run (`rule.run`
 *   journal entries name the awards they made); rule runs exclude dry runs.
 *   Series: the `top` badges (default 8) with most awards in range, then one "others" series.
 * audit:list {offset?, limit?, type?, query?, from?, to?} → {entries, total}, newest first.
 *   type: a journal type ('award.issued') or a domain ('award' = every 'award.*').
 *   query: words matched (accent- and case-insensitive) against the summary, operator and type.
 *   Summaries are human sentences ("Ana Müller was awarded Teamwork by Desk A"); they never carry
 *   credentials or e-mail addresses.
 */
import { z } from 'zod'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/** A calendar date ('2025-06-01') or an ISO date-time with offset. */
export const analyticsDateSchema = z
  .string()
  .trim()
  .refine(
    (s) =>
      DATE_ONLY.test(s)
        ? !Number.isNaN(Date.parse(`${s}T00:00:00Z`))
        : z.iso.datetime({ offset: true }).safeParse(s).success,
    {
      message: 'give a date like 2025-06-01 or an ISO date-time'
    }
  )

export const ANALYTICS_BUCKETS = ['day', 'week', 'month'] as const
export type AnalyticsBucket = (typeof ANALYTICS_BUCKETS)[number]

export const analyticsSummarySchema = z.strictObject({
  from: analyticsDateSchema.optional(),
  to: analyticsDateSchema.optional(),
  bucket: z.enum(ANALYTICS_BUCKETS).default('day'),
  utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
  top: z.number().int().min(1).max(20).optional()
})

export const auditListSchema = z.strictObject({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
  type: z
    .string()
    .trim()
    .regex(
      /^[a-z][a-zA-Z0-9-]*(\.[a-zA-Z0-9.-]+)?$/,
      'a journal type like award.issued, or a domain like award'
    )
    .max(100)
    .optional(),
  query: z.string().trim().max(300).optional(),
  from: analyticsDateSchema.optional(),
  to: analyticsDateSchema.optional(),
  utcOffsetMinutes: z.number().int().min(-840).max(840).optional()
})

export type AnalyticsBadgeRow = Readonly<{
  badgeId: string
  name: string
  status: 'draft' | 'published' | 'archived' | 'deleted'
  achievementType: string
  tags: readonly string[]
  /** Awards in the range (corrections not counted), and how many of them rules made. */
  awards: number
  automatic: number
  /** Revocations in the range (corrections not counted). */
  revocations: number
  /** Every award ever (corrections not counted) and the newest awardedDate, all time. */
  allTimeAwards: number
  lastAwarded?: string
}>

export type AnalyticsSeries = Readonly<{
  /** A badge id, or '' for the "others" series. */
  badgeId: string
  name: string
  /** One count per bucket, in `buckets` order. */
  counts: readonly number[]
  total: number
}>

export type ExpiringAward = Readonly<{
  awardId: string
  badgeId: string
  badgeName: string
  recipientName: string
  validUntil: string
}>

export type AnalyticsSummary = Readonly<{
  /** The range as used (ISO date-times; from = first award when not given). */
  from?: string
  to: string
  bucket: AnalyticsBucket
  generatedAt: string
  totals: Readonly<{
    awards: number
    automatic: number
    manual: number
    revocations: number
    corrections: number
    /** Different people (e-mails) awarded in the range. */
    recipients: number
    badgesAwarded: number
  }>
  /** Bucket start dates ('YYYY-MM-DD', local to utcOffsetMinutes). */
  buckets: readonly string[]
  series: readonly AnalyticsSeries[]
  byTag: ReadonlyArray<Readonly<{ tag: string; awards: number; badges: number }>>
  byType: ReadonlyArray<Readonly<{ achievementType: string; awards: number; badges: number }>>
  revocationReasons: ReadonlyArray<Readonly<{ reason: string; count: number }>>
  expiring: Readonly<{
    within30: number
    within90: number
    /** The soonest (up to 200) expiring within 90 days. */
    soonest: readonly ExpiringAward[]
  }>
  ruleRuns: Readonly<{
    runs: number
    awardsMade: number
    byRule: ReadonlyArray<
      Readonly<{
        ruleId: string
        ruleName: string
        runs: number
        awardsMade: number
        lastRun: string
      }>
    >
  }>
  /** Published badges nobody has ever been awarded. */
  neverAwarded: ReadonlyArray<
    Readonly<{ badgeId: string; name: string; publishedAt?: string; tags: readonly string[] }>
  >
  /** Every published badge and every badge with awards, most awarded in the range first. */
  badges: readonly AnalyticsBadgeRow[]
}>

export type AuditEntry = Readonly<{
  seq: number
  ts: string
  station: string
  type: string
  summary: string
  operator?: string
}>

export const analyticsMethods = {
  'analytics:summary': analyticsSummarySchema,
  'audit:list': auditListSchema
} as const

export type AnalyticsResults = {
  'analytics:summary': AnalyticsSummary
  'audit:list': Readonly<{ entries: readonly AuditEntry[]; total: number }>
}
