import { describe, expect, it } from 'vitest'
import { bucketLabel, bucketNumber, fitBucket, isoMs, resolveRange } from './dates.js'

describe('analytics dates', () => {
  it('reads ISO date-times exactly as Date.parse does', () => {
    const samples = [
      '2025-06-01T09:00:00Z',
      '2025-06-01T09:00:00.123Z',
      '1999-12-31T23:59:59Z',
      '2025-06-01T11:00:00+02:00'
    ]
    for (let i = 0; i < 500; i++) {
      const d = new Date(Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 2e12))
      samples.push(d.toISOString(), d.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    }
    for (const s of samples) expect(isoMs(s), s).toBe(Date.parse(s))
    expect(isoMs('not a date at all!!Z')).toBeNaN()
  })

  it('takes whole local days, `to` inclusive, at the given offset', () => {
    const now = new Date('2025-06-20T12:00:00Z')
    expect(resolveRange('2025-06-01', '2025-06-30', 0, now)).toEqual({
      fromMs: Date.parse('2025-06-01T00:00:00Z'),
      toMs: Date.parse('2025-07-01T00:00:00Z') - 1
    })
    expect(resolveRange('2025-06-01', undefined, 120, now)).toEqual({
      fromMs: Date.parse('2025-05-31T22:00:00Z'),
      toMs: now.getTime()
    })
    expect(resolveRange(undefined, '2025-06-01T10:00:00Z', 0, now).fromMs).toBe(
      Number.NEGATIVE_INFINITY
    )
    expect(() => resolveRange('2025-06-02', '2025-06-01', 0, now)).toThrow(/starts/)
  })

  it('numbers days, ISO weeks (from Monday) and months, and labels their first day', () => {
    const sunday = Date.parse('2025-06-01T12:00:00Z')
    const monday = Date.parse('2025-06-02T00:00:00Z')
    expect(bucketLabel(bucketNumber(sunday, 'week', 0), 'week')).toBe('2025-05-26')
    expect(bucketLabel(bucketNumber(monday, 'week', 0), 'week')).toBe('2025-06-02')
    expect(bucketLabel(bucketNumber(sunday, 'day', 0), 'day')).toBe('2025-06-01')
    expect(bucketLabel(bucketNumber(sunday, 'month', 0), 'month')).toBe('2025-06-01')
    expect(
      bucketLabel(bucketNumber(Date.parse('2025-05-31T23:00:00Z'), 'month', 120 * 60_000), 'month')
    ).toBe('2025-06-01')
  })

  it('coarsens the bucket when the range has too many', () => {
    const from = Date.parse('2025-01-01T00:00:00Z')
    expect(fitBucket(from, from + 364 * 86_400_000, 'day', 0)).toBe('day')
    expect(fitBucket(from, from + 600 * 86_400_000, 'day', 0)).toBe('week')
    expect(fitBucket(from, from + 6 * 365 * 86_400_000, 'day', 0)).toBe('month')
    expect(fitBucket(from, from + 10 * 86_400_000, 'month', 0)).toBe('month')
  })
})
