/**
 * The award ledger's checkpoint section: its columns as JSON arrays (one value per award, in
 * journal order) plus the few awards with a revocation, an expiry or a replacement. Checked by
 * zod when restored: every column has one value per award and the right type, rows named by
 * the sparse lists exist.
 */
import { z } from 'zod'
import { statusSlotsSnapshotSchema } from '../status/status-slots.js'

const str = z.string()
const int = z.number().int().nonnegative()

export const ledgerSnapshotSchema = z
  .strictObject({
    v: z.literal(1),
    badges: z.array(str.min(1)),
    stations: z.array(str.min(1)),
    ids: z.array(str.min(1)),
    names: z.array(str),
    emails: z.array(str),
    badge: z.array(int),
    badgeVersion: z.array(z.number().int().positive()),
    station: z.array(int),
    awarded: z.array(str),
    statusIndex: z.array(int),
    statusList: z.array(z.number().int().positive()),
    slots: statusSlotsSnapshotSchema,
    seq: z.array(z.number().int().positive()),
    start: z.array(int),
    length: z.array(int),
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
