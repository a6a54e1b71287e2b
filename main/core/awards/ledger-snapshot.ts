/**
 * The award ledger's checkpoint section: its columns as JSON arrays (one value per award, in
 * journal order) plus the few awards with a revocation, an expiry or a replacement. Checked by
 * zod when restored: every column has one value per award and the right type, rows named by
 * the sparse lists exist. The long columns (a million values) are checked by one plain loop each
 * inside the schema (`column`): zod's per-element parsing cost more than reading the file.
 */
import { z } from 'zod'
import { statusSlotsSnapshotSchema } from '../status/status-slots.js'

const str = z.string()
const int = z.number().int().nonnegative()

/** An array whose every element passes `ok` (checked in one loop; the array is kept as is). */
function column<T>(ok: (value: unknown) => value is T, what: string) {
  return z.custom<T[]>(
    (value) => Array.isArray(value) && value.every((v) => ok(v)),
    `every value must be ${what}`
  )
}
const isString = (v: unknown): v is string => typeof v === 'string'
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const isPositive = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0

export const ledgerSnapshotSchema = z
  .strictObject({
    v: z.literal(1),
    badges: z.array(str.min(1)),
    stations: z.array(str.min(1)),
    ids: column(isId, 'a non-empty string'),
    names: column(isString, 'a string'),
    emails: column(isString, 'a string'),
    badge: column(isCount, 'a count'),
    badgeVersion: column(isPositive, 'a positive integer'),
    station: column(isCount, 'a count'),
    awarded: column(isString, 'a string'),
    statusIndex: column(isCount, 'a count'),
    statusList: column(isPositive, 'a positive integer'),
    slots: statusSlotsSnapshotSchema,
    seq: column(isPositive, 'a positive integer'),
    start: column(isCount, 'a count'),
    length: column(isCount, 'a count'),
    validUntil: z.array(z.tuple([int, str])),
    replaces: z.array(z.tuple([int, str.min(1)])),
    replacedBy: z.array(z.tuple([int, str.min(1)])),
    revoked: z.array(z.tuple([int, str, str, str.optional()]))
  })
  .refine(
    (s) => {
      const n = s.ids.length
      const columns = [
        s.names,
        s.emails,
        s.badge,
        s.badgeVersion,
        s.station,
        s.awarded,
        s.statusIndex,
        s.statusList,
        s.seq,
        s.start,
        s.length
      ]
      if (columns.some((c) => c.length !== n)) return false
      if (s.badge.some((b) => b >= s.badges.length)) return false
      if (s.station.some((b) => b >= s.stations.length)) return false
      const sparse = [s.validUntil, s.replaces, s.replacedBy, s.revoked]
      return sparse.every((list) => list.every((row) => row[0] < n))
    },
    { message: 'the columns do not line up' }
  )

export type LedgerSnapshot = z.output<typeof ledgerSnapshotSchema>
