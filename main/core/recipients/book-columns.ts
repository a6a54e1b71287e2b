/**
 * The recipient book's checkpoint section in binary (format 2, "KRB1"), read without making an
 * object per recipient: a command that looks up one person (one award) reads the section once
 * (its SHA-256 checked by the checkpoint) and decodes only the rows it finds.
 *
 *   "KRB1" · u32 LE header length · header JSON ({v: 2, n, active, blobs}) · blobs, each at a
 *   multiple of 8: the string columns (ids, names, e-mails, member ids, created, updated, merged
 *   into, merged ids joined by "\n"; each as awards/ledger-store.ts StringColumn), one flag byte
 *   per row (1: has a member id, 2: merged into another), the e-mail index (the rows that own
 *   their normalised e-mail: their hashes ascending, then the rows) and the id index (every id's
 *   hash ascending, then the rows).
 *
 * Hand-written for the same reason as the ledger's columns; the frame, the hash and the sorted
 * search are journal/section-bytes.ts.
 */
import { z } from 'zod'
import { normaliseEmail } from '../../../shared/email.js'
import { StringColumn } from '../awards/ledger-store.js'
import {
  alignedTo,
  fnv1a,
  frameSection,
  hasMagic,
  lowerBound,
  readFrame
} from '../journal/section-bytes.js'

const MAGIC = 'KRB1'
const STRINGS = [
  'ids',
  'names',
  'emails',
  'memberIds',
  'created',
  'updated',
  'mergedInto',
  'mergedIds'
] as const
const BLOBS = STRINGS.length + 3

const headerSchema = z.strictObject({
  v: z.literal(2),
  n: z.number().int().nonnegative(),
  active: z.number().int().nonnegative(),
  blobs: z.array(z.number().int().nonnegative()).length(BLOBS)
})

/** One recipient as the book keeps it (recipients/book.ts adds its search text). */
export type BookRecord = {
  id: string
  name: string
  email: string
  memberId?: string
  createdAt: string
  updatedAt: string
  mergedInto?: string
  mergedIds: string[]
}

export type SavedRow = Readonly<BookRecord>

const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/** Pairs (hash, row) sorted by hash then row, as u32 hashes then u32 rows. */
function index(keys: readonly (readonly [string, number])[]): Buffer {
  const m = keys.length
  const hashes = keys.map(([key]) => fnv1a(key))
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => (hashes[a] as number) - (hashes[b] as number) || a - b
  )
  const out = new Uint32Array(1 + 2 * m)
  out[0] = m
  order.forEach((i, at) => {
    out[1 + at] = hashes[i] as number
    out[1 + m + at] = keys[i]?.[1] ?? 0
  })
  return Buffer.from(out.buffer)
}

/**
 * The section for these rows (in the book's order) and e-mail owners (normalised e-mail → id),
 * or undefined when a value cannot be kept (a lone surrogate, a merged id holding "\n"): the
 * book then writes format 1 (JSON).
 */
export function encodeBook(
  rows: readonly SavedRow[],
  owners: ReadonlyMap<string, string>,
  active: number
): Buffer | undefined {
  const n = rows.length
  const rowOf = new Map(rows.map((r, i) => [r.id, i]))
  const columns: string[][] = STRINGS.map(() => new Array<string>(n))
  const flags = Buffer.alloc(n)
  for (let i = 0; i < n; i++) {
    const r = rows[i] as SavedRow
    if (r.mergedIds.some((id) => id.includes('\n'))) return undefined
    const values = [
      r.id,
      r.name,
      r.email,
      r.memberId ?? '',
      r.createdAt,
      r.updatedAt,
      r.mergedInto ?? '',
      r.mergedIds.join('\n')
    ]
    values.forEach((v, k) => ((columns[k] as string[])[i] = v))
    flags[i] = (r.memberId !== undefined ? 1 : 0) | (r.mergedInto !== undefined ? 2 : 0)
  }
  const blobs: Buffer[] = []
  for (const values of columns) {
    const column = StringColumn.of(values)
    const bytes = column.bytes()
    if (!bytes || values.some((v) => LONE_SURROGATE.test(v))) return undefined
    blobs.push(bytes)
  }
  blobs.push(flags)
  const owned: [string, number][] = []
  for (const [email, id] of owners) {
    const row = rowOf.get(id)
    if (row !== undefined) owned.push([email, row])
  }
  blobs.push(index(owned))
  blobs.push(index(rows.map((r, i) => [r.id, i] as const)))
  return frameSection(MAGIC, { v: 2, n, active, blobs: blobs.map((b) => b.length) }, blobs)
}

export function isBookColumns(bytes: Buffer): boolean {
  return hasMagic(bytes, MAGIC)
}

type HashIndex = Readonly<{ hashes: Uint32Array; rows: Uint32Array }>

function readIndex(blob: Buffer, n: number): HashIndex | undefined {
  if (blob.length < 4 || blob.byteOffset % 4 !== 0) return undefined
  const m = blob.readUInt32LE(0)
  if (blob.length !== 4 + 8 * m) return undefined
  const all = new Uint32Array(blob.buffer, blob.byteOffset, 1 + 2 * m)
  const hashes = all.subarray(1, 1 + m)
  const rows = all.subarray(1 + m)
  for (let i = 0; i < m; i++) {
    if ((rows[i] as number) >= n) return undefined
    if (i > 0 && (hashes[i] as number) < (hashes[i - 1] as number)) return undefined
  }
  return { hashes, rows }
}

function* candidates(index: HashIndex, key: string): Generator<number> {
  const h = fnv1a(key)
  for (let i = lowerBound(index.hashes, h); index.hashes[i] === h; i++) {
    yield index.rows[i] as number
  }
}

/** The saved rows, read in place: rows by id and by e-mail, each decoded when asked. */
export class SavedBook {
  readonly n: number
  readonly active: number
  readonly #columns: StringColumn[]
  readonly #flags: Buffer
  readonly #emails: HashIndex
  readonly #ids: HashIndex

  private constructor(
    n: number,
    active: number,
    columns: StringColumn[],
    flags: Buffer,
    emails: HashIndex,
    ids: HashIndex
  ) {
    this.n = n
    this.active = active
    this.#columns = columns
    this.#flags = flags
    this.#emails = emails
    this.#ids = ids
  }

  /** The saved book, or undefined when the bytes do not fit the format (the caller rebuilds). */
  static read(bytes: Buffer): SavedBook | undefined {
    // Blobs are viewed as typed arrays in place: they need the section itself 8-aligned.
    const frame = readFrame(alignedTo(bytes, 8), MAGIC)
    const parsed = headerSchema.safeParse(frame?.header)
    if (!frame || !parsed.success) return undefined
    const { n, active, blobs: sizes } = parsed.data
    const blobs = frame.blobs(sizes)
    if (!blobs) return undefined
    const columns: StringColumn[] = []
    for (let k = 0; k < STRINGS.length; k++) {
      const column = new StringColumn(n)
      if (!column.load(blobs[k] ?? Buffer.alloc(0), k === 0)) return undefined
      columns.push(column)
    }
    const flags = blobs[STRINGS.length]
    if (!flags || flags.length !== n) return undefined
    const emails = readIndex(blobs[STRINGS.length + 1] ?? Buffer.alloc(0), n)
    const ids = readIndex(blobs[STRINGS.length + 2] ?? Buffer.alloc(0), n)
    if (!emails || !ids || ids.rows.length !== n) return undefined
    return new SavedBook(n, active, columns, flags, emails, ids)
  }

  #value(k: number, row: number): string {
    return (this.#columns[k] as StringColumn).at(row)
  }

  idAt(row: number): string {
    return this.#value(0, row)
  }

  rowOfId(id: string): number | undefined {
    for (const row of candidates(this.#ids, id)) if (this.idAt(row) === id) return row
    return undefined
  }

  /** The id owning a normalised e-mail in the saved state, if any. */
  idOfEmail(email: string): string | undefined {
    for (const row of candidates(this.#emails, email)) {
      if (normaliseEmail(this.#value(2, row)) === email) return this.idAt(row)
    }
    return undefined
  }

  /** Every (normalised e-mail, id) the saved state's e-mail owners hold. */
  *owners(): Generator<readonly [string, string]> {
    for (const row of this.#emails.rows) {
      yield [normaliseEmail(this.#value(2, row)), this.idAt(row)]
    }
  }

  row(row: number): SavedRow {
    const flags = this.#flags[row] ?? 0
    const merged = this.#value(7, row)
    return {
      id: this.idAt(row),
      name: this.#value(1, row),
      email: this.#value(2, row),
      ...(flags & 1 ? { memberId: this.#value(3, row) } : {}),
      createdAt: this.#value(4, row),
      updatedAt: this.#value(5, row),
      ...(flags & 2 ? { mergedInto: this.#value(6, row) } : {}),
      mergedIds: merged === '' ? [] : merged.split('\n')
    }
  }
}
