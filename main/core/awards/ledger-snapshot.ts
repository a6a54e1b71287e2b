/**
 * The award ledger's checkpoint section: its columns as JSON arrays (one value per award, in
 * journal order) plus the few awards with a revocation, an expiry or a replacement. Checked by
 * zod when restored: every column has one value per award and the right type, rows named by
 * the sparse lists exist. The long columns (a million values) are checked by one plain loop each
 * inside the schema (`column`): zod's per-element parsing cost more than reading the file. Number
 * columns are written as little-endian unsigned 32-bit (or 64-bit float, for byte offsets) arrays
 * in base64: parsing a million JSON numbers costs ~50 ms a column, decoding them ~5 ms.
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

type NumberKind = 'u32' | 'f64'

/** A number column as base64 (see the file comment); values must fit the kind. */
export function encodeNumbers(values: readonly number[], kind: NumberKind): string {
  const typed = kind === 'u32' ? Uint32Array.from(values) : Float64Array.from(values)
  return Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString('base64')
}

/** The column back, or a zod issue: its bytes must make whole values, each passing `ok`. */
function numbers(kind: NumberKind, ok: ((v: number) => boolean) | undefined, what: string) {
  const size = kind === 'u32' ? 4 : 8
  return z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .transform((text, ctx) => {
      const bytes = Buffer.from(text, 'base64')
      if (bytes.length % size !== 0) {
        ctx.addIssue({ code: 'custom', message: 'the column is cut short' })
        return z.NEVER
      }
      const aligned = new Uint8Array(bytes) // a copy: typed arrays need aligned offsets
      const typed =
        kind === 'u32'
          ? new Uint32Array(aligned.buffer, 0, bytes.length / 4)
          : new Float64Array(aligned.buffer, 0, bytes.length / 8)
      // One loop copies and checks (unsigned 32-bit values need no check to be counts).
      const values: number[] = []
      for (const v of typed) {
        if (ok && !ok(v)) {
          ctx.addIssue({ code: 'custom', message: `every value must be ${what}` })
          return z.NEVER
        }
        values.push(v)
      }
      return values
    })
}
const count32 = undefined
const positive32 = (v: number): boolean => v > 0
const offset = (v: number): boolean => Number.isSafeInteger(v) && v >= 0

export const ledgerSnapshotSchema = z
  .strictObject({
    v: z.literal(1),
    badges: z.array(str.min(1)),
    stations: z.array(str.min(1)),
    ids: column(isId, 'a non-empty string'),
    names: column(isString, 'a string'),
    emails: column(isString, 'a string'),
    badge: numbers('u32', count32, 'a count'),
    badgeVersion: numbers('u32', positive32, 'a positive integer'),
    station: numbers('u32', count32, 'a count'),
    awarded: column(isString, 'a string'),
    statusIndex: numbers('u32', count32, 'a count'),
    statusList: numbers('u32', positive32, 'a positive integer'),
    slots: statusSlotsSnapshotSchema,
    seq: numbers('u32', positive32, 'a positive integer'),
    start: numbers('f64', offset, 'a byte offset'),
    length: numbers('u32', count32, 'a count'),
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
/** What is written (number columns as base64). */
export type LedgerSnapshotText = z.input<typeof ledgerSnapshotSchema>
