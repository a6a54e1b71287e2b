/** Date ranges of the analytics screen: quick ranges at the desk's local dates, and their buckets. */
import type { AnalyticsBucket } from '../../../../shared/methods/analytics.js'

export type QuickRange = 'month' | 'last30' | 'year' | 'all'

export type DateRange = Readonly<{ from: string; to: string }>

export const QUICK_RANGES: ReadonlyArray<readonly [QuickRange, string]> = [
  ['month', 'This month'],
  ['last30', 'Last 30 days'],
  ['year', 'This year'],
  ['all', 'All time']
]

/** A local calendar date as 'YYYY-MM-DD'. */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The from/to of a quick range (empty strings = open-ended), as of `now`. */
export function quickRange(range: QuickRange, now: Date = new Date()): DateRange {
  const today = localDate(now)
  switch (range) {
    case 'month':
      return { from: localDate(new Date(now.getFullYear(), now.getMonth(), 1)), to: today }
    case 'last30':
      return {
        from: localDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29)),
        to: today
      }
    case 'year':
      return { from: localDate(new Date(now.getFullYear(), 0, 1)), to: today }
    case 'all':
      return { from: '', to: '' }
  }
}

/** The bucket that reads best for a quick range. */
export function bucketFor(range: QuickRange): AnalyticsBucket {
  return range === 'year' ? 'week' : range === 'all' ? 'month' : 'day'
}

/** The desk's offset from UTC in minutes (UTC+2 → 120). */
export function utcOffsetMinutes(now: Date = new Date()): number {
  return -now.getTimezoneOffset()
}
