/**
 * The award ledger's checkpoint section in binary (format 2): nothing in it is parsed per value.
 *
 *   "KLC2" · u32 LE header length · header JSON (the few small parts: badge and station tables,
 *   status slots, the sparse lists, n, each blob's byte length) · the blobs, each starting at a
 *   multiple of 8:
 *   - a number column: its n values as little-endian u32 (f64 for byte offsets in the journal);
 *   - a string column: its n + 1 start positions (u32, in UTF-16 code units) and then its values
 *     joined, as UTF-8. Restoring decodes the joined text once and slices it.
 *
 * The section's SHA-256 is checked by the checkpoint before this runs; this then checks the shape
 * (zod for the header, one loop per column for the values: counts in range, starts ascending and
 * ending at the text's length, ids non-empty), so a section that does not fit is refused and the
 * ledger rebuilt from the journal. Hand-written: no library reads typed columns this small.
 */
import { z } from 'zod'
import { statusSlotsSnapshotSchema } from '../status/status-slots.js'
import type { LedgerSnapshot } from './ledger-snapshot.js'
import { frameSection, hasMagic, readFrame, wordsOf } from '../journal/section-bytes.js'

const MAGIC = 'KLC2'
const str = z.string()
const int = z.number().int().nonnegative()

const NUMBER_COLUMNS = [
  ['badge', 'u32'],
  ['badgeVersion', 'u32'],
  ['station', 'u32'],
  ['statusIndex', 'u32'],
  ['statusList', 'u32'],
  ['seq', 'u32'],
  ['start', 'f64'],
  ['length', 'u32']
] as const
const STRING_COLUMNS = ['ids', 'names', 'emails', 'awarded'] as const
const BLOBS = NUMBER_COLUMNS.length + 2 * STRING_COLUMNS.length

const headerSchema = z.strictObject({
  v: z.literal(2),
  n: int,
  badges: z.array(str.min(1)),
  stations: z.array(str.min(1)),
  slots: statusSlotsSnapshotSchema,
  validUntil: z.array(z.tuple([int, str])),
  replaces: z.array(z.tuple([int, str.min(1)])),
  replacedBy: z.array(z.tuple([int, str.min(1)])),
  revoked: z.array(z.tuple([int, str, str, str.optional()])),
  blobs: z.array(int).length(BLOBS)
})

/** The ledger's columns (what awards/ledger.ts keeps), without the format number. */
export type LedgerColumns = Omit<LedgerSnapshot, 'v'>

/** In a `u` regex a surrogate pair is one code point: only a lone half matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/**
 * The section's bytes for these columns, or undefined when a value holds a lone surrogate (UTF-8
 * cannot keep it; the ledger then writes format 1, JSON, which can).
 */
export function encodeLedgerColumns(c: LedgerColumns): Buffer | undefined {
  const n = c.ids.length
  const blobs: Buffer[] = []
  for (const [name, kind] of NUMBER_COLUMNS) {
    const typed = kind === 'u32' ? Uint32Array.from(c[name]) : Float64Array.from(c[name])
    blobs.push(Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength))
  }
  for (const name of STRING_COLUMNS) {
    const values = c[name]
    const starts = new Uint32Array(n + 1)
    let at = 0
    for (let row = 0; row < n; row++) {
      starts[row] = at
      at += (values[row] ?? '').length
    }
    starts[n] = at
    const text = values.join('')
    if (LONE_SURROGATE.test(text)) return undefined
    blobs.push(Buffer.from(starts.buffer, starts.byteOffset, starts.byteLength))
    blobs.push(Buffer.from(text, 'utf8'))
  }
  return frameSection(
    MAGIC,
    {
      v: 2,
      n,
      badges: c.badges,
      stations: c.stations,
      slots: c.slots,
      validUntil: c.validUntil,
      replaces: c.replaces,
      replacedBy: c.replacedBy,
      revoked: c.revoked,
      blobs: blobs.map((b) => b.length)
    },
    blobs
  )
}

/** True when the bytes are this format (not the JSON of format 1). */
export function isLedgerColumns(bytes: Buffer): boolean {
  return hasMagic(bytes, MAGIC)
}

/** The columns back, or undefined when the bytes do not fit the format (the caller rebuilds). */
export function decodeLedgerColumns(bytes: Buffer): LedgerColumns | undefined {
  const frame = readFrame(bytes, MAGIC)
  const parsed = headerSchema.safeParse(frame?.header)
  if (!frame || !parsed.success) return undefined
  const { v: _v, n, blobs: sizes, ...small } = parsed.data
  const blobs = frame.blobs(sizes)
  if (!blobs) return undefined
  const numbers = NUMBER_COLUMNS.map(([, kind], i) => numberColumn(blobs[i], kind, n))
  const [badge, badgeVersion, station, statusIndex, statusList, seq, start, length] = numbers
  if (!badge || !badgeVersion || !station || !statusIndex || !statusList) return undefined
  if (!seq || !start || !length) return undefined
  const strings = STRING_COLUMNS.map((_, i) =>
    stringColumn(blobs[NUMBER_COLUMNS.length + 2 * i], blobs[NUMBER_COLUMNS.length + 2 * i + 1], n)
  )
  const [ids, names, emails, awarded] = strings
  if (!ids || !names || !emails || !awarded) return undefined
  for (let row = 0; row < n; row++) {
    if ((badge[row] ?? 0) >= small.badges.length) return undefined
    if ((station[row] ?? 0) >= small.stations.length) return undefined
    if (badgeVersion[row] === 0 || statusList[row] === 0 || seq[row] === 0) return undefined
    const s = start[row] ?? -1
    if (!Number.isSafeInteger(s) || s < 0) return undefined
    if (ids[row] === '') return undefined
  }
  const sparse = [small.validUntil, small.replaces, small.replacedBy, small.revoked]
  if (!sparse.every((list) => list.every((row) => row[0] < n))) return undefined
  return {
    ...small,
    ids,
    names,
    emails,
    awarded,
    badge,
    badgeVersion,
    station,
    statusIndex,
    statusList,
    seq,
    start,
    length
  }
}

/** A number column's n values (copied into a plain array: the ledger appends to it). */
function numberColumn(
  blob: Buffer | undefined,
  kind: 'u32' | 'f64',
  n: number
): number[] | undefined {
  const size = kind === 'u32' ? 4 : 8
  if (!blob || blob.length !== n * size) return undefined
  const typed = wordsOf(blob, kind)
  if (!typed) return undefined
  // Filled in place: Array.from (or push) over a typed array is 4–10× slower at a million values.
  const values = new Array<number>(n)
  for (let i = 0; i < n; i++) values[i] = typed[i] ?? 0
  return values
}

/** A string column's n values: its text decoded once, then sliced at the starts. */
function stringColumn(
  startsBlob: Buffer | undefined,
  textBlob: Buffer | undefined,
  n: number
): string[] | undefined {
  if (!startsBlob || !textBlob || startsBlob.length !== (n + 1) * 4) return undefined
  const starts = wordsOf(startsBlob, 'u32')
  if (!starts) return undefined
  const text = textBlob.toString('utf8')
  if (starts[0] !== 0 || starts[n] !== text.length) return undefined
  const values = new Array<string>(n)
  for (let row = 0; row < n; row++) {
    const from = starts[row] ?? 0
    const to = starts[row + 1] ?? 0
    if (to < from) return undefined
    values[row] = text.slice(from, to)
  }
  return values
}

/**
 * Format 3: this section holds only the small parts ("KLC3", u32 header length, header JSON);
 * each column is its own section beside it (`awards.<column>`, see awards/ledger-store.ts), with
 * its own SHA-256, read only by a command that needs that column.
 */
const MAGIC_3 = 'KLC3'

export const LEDGER_NUMBER_COLUMNS = NUMBER_COLUMNS
export const LEDGER_STRING_COLUMNS = STRING_COLUMNS
export type LedgerColumnName = (typeof NUMBER_COLUMNS)[number][0] | (typeof STRING_COLUMNS)[number]

/** Format 3's header: format 2's small parts (its columns are sections of their own), and: */
const header3Schema = headerSchema.omit({ blobs: true }).extend({
  v: z.literal(3),
  /** Per badge number: its awards and the latest awarded date. */
  perBadge: z.array(z.tuple([int, str])),
  /** Distinct (normalised) e-mails. */
  emails: int
})

export type LedgerHeader = Omit<z.output<typeof header3Schema>, 'v'>

export function encodeLedgerHeader(h: LedgerHeader): Buffer {
  return frameSection(MAGIC_3, { v: 3, ...h }, [])
}

export function isLedgerHeader(bytes: Buffer): boolean {
  return hasMagic(bytes, MAGIC_3)
}

/** The header back, or undefined when it does not fit (the caller rebuilds the ledger). */
export function decodeLedgerHeader(bytes: Buffer): LedgerHeader | undefined {
  const frame = readFrame(bytes, MAGIC_3)
  if (!frame?.blobs([])) return undefined // the header alone: no blobs after it
  const parsed = header3Schema.safeParse(frame.header)
  if (!parsed.success) return undefined
  const { v: _v, ...h } = parsed.data
  if (h.perBadge.length !== h.badges.length) return undefined
  const sparse = [h.validUntil, h.replaces, h.replacedBy, h.revoked]
  if (!sparse.every((list) => list.every((row) => row[0] < h.n))) return undefined
  return h
}
