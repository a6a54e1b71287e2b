/**
 * The personal-page plan of an export, kept beside its record (bundles/people/<sha256>.bin) so the
 * next export finds the page of an award's recipient without planning every page again: the
 * recipient of each page in page order, and for each award (ledger row) the index of its
 * recipient's page (-1: none).
 *
 * Format 2 is read in place (a quarter of a million people at a million awards: parsing them as
 * JSON, and the garbage, cost the incremental export a tenth of a second): a section frame
 * (journal/section-bytes.ts, magic "KPP2") whose header gives the counts, then five blobs:
 *
 *   ends       u32 LE × people   the end of each recipient id in `ids`
 *   ids        UTF-8             the recipient ids, one after another
 *   hashes     u32 LE × people   FNV-1a of each id (its UTF-8 bytes), sorted
 *   pages      u32 LE × people   the page of each hash, in the same order
 *   planOfRow  i32 LE × rows     each award's page (-1: none)
 *
 * Format 1 (a 4-byte big-endian length, JSON { format, people }, then the rows) is still read.
 * The bytes are checked against the record's SHA-256 before they get here; a frame that does not
 * fit gives undefined, and the export then walks every award.
 */
import { z } from 'zod'
import {
  fnv1aBytes,
  frameSection,
  lowerBound,
  readFrame,
  wordsOf
} from '../journal/section-bytes.js'

const FORMAT_1 = 'kiln-bundle-people/1'
const FORMAT_2 = 'kiln-bundle-people/2'
const MAGIC = 'KPP2'

const headerSchema = z.strictObject({
  format: z.literal(FORMAT_2),
  people: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  idBytes: z.number().int().nonnegative()
})

/** The recipients with a personal page, in page order. */
export class PeoplePages {
  readonly size: number
  readonly #ends: Uint32Array
  readonly #ids: Buffer
  readonly #hashes: Uint32Array
  readonly #pages: Uint32Array

  private constructor(ends: Uint32Array, ids: Buffer, hashes: Uint32Array, pages: Uint32Array) {
    this.size = ends.length
    this.#ends = ends
    this.#ids = ids
    this.#hashes = hashes
    this.#pages = pages
  }

  /** The pages of these recipients, in this order. */
  static fromList(people: readonly string[]): PeoplePages {
    return PeoplePages.empty().withAdded(people)
  }

  static empty(): PeoplePages {
    return new PeoplePages(
      new Uint32Array(0),
      Buffer.alloc(0),
      new Uint32Array(0),
      new Uint32Array(0)
    )
  }

  /** The recipient of a page (undefined past the last). */
  idAt(page: number): string | undefined {
    if (!Number.isInteger(page) || page < 0 || page >= this.size) return undefined
    const start = page === 0 ? 0 : (this.#ends[page - 1] as number)
    return this.#ids.toString('utf8', start, this.#ends[page])
  }

  /** The page of a recipient (-1: none). */
  pageOf(id: string): number {
    const bytes = Buffer.from(id, 'utf8')
    const hash = fnv1aBytes(bytes, 0, bytes.length)
    for (let i = lowerBound(this.#hashes, hash); this.#hashes[i] === hash; i++) {
      const page = this.#pages[i] as number
      const start = page === 0 ? 0 : (this.#ends[page - 1] as number)
      const end = this.#ends[page] as number
      if (
        end - start === bytes.length &&
        this.#ids.compare(bytes, 0, bytes.length, start, end) === 0
      ) {
        return page
      }
    }
    return -1
  }

  /** These pages and, after them, pages for `added` (new recipients, in order). */
  withAdded(added: readonly string[]): PeoplePages {
    if (added.length === 0) return this
    const n = this.size + added.length
    const encoded = added.map((id) => Buffer.from(id, 'utf8'))
    const ends = new Uint32Array(n)
    ends.set(this.#ends)
    let end = this.#ids.length
    for (const [i, b] of encoded.entries()) {
      end += b.length
      ends[this.size + i] = end
    }
    const ids = Buffer.concat([this.#ids, ...encoded], end)
    // The new (hash, page) pairs sorted, then merged into the sorted old ones.
    const fresh = encoded
      .map((b, i) => [fnv1aBytes(b, 0, b.length), this.size + i] as const)
      .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    const hashes = new Uint32Array(n)
    const pages = new Uint32Array(n)
    let a = 0
    let f = 0
    for (let k = 0; k < n; k++) {
      const next = fresh[f]
      if (next && (a >= this.size || next[0] < (this.#hashes[a] as number))) {
        hashes[k] = next[0]
        pages[k] = next[1]
        f++
      } else {
        hashes[k] = this.#hashes[a] as number
        pages[k] = this.#pages[a] as number
        a++
      }
    }
    return new PeoplePages(ends, ids, hashes, pages)
  }

  /** The people file (format 2) of these pages and the rows' pages. */
  fileBytes(planOfRow: Int32Array): Buffer {
    const header: z.input<typeof headerSchema> = {
      format: FORMAT_2,
      people: this.size,
      rows: planOfRow.length,
      idBytes: this.#ids.length
    }
    return frameSection(MAGIC, header, [
      bytesOf(this.#ends),
      this.#ids,
      bytesOf(this.#hashes),
      bytesOf(this.#pages),
      bytesOf(planOfRow)
    ])
  }

  /** Reads format 2 in place (or format 1); undefined when the bytes do not fit. */
  static read(bytes: Buffer): { people: PeoplePages; planOfRow: Int32Array } | undefined {
    const frame = readFrame(bytes, MAGIC)
    if (!frame) return readFormat1(bytes)
    const header = headerSchema.safeParse(frame.header)
    if (!header.success) return undefined
    const { people: n, rows, idBytes } = header.data
    const blobs = frame.blobs([4 * n, idBytes, 4 * n, 4 * n, 4 * rows])
    if (!blobs) return undefined
    const [endsBlob, ids, hashesBlob, pagesBlob, rowsBlob] = blobs
    if (!endsBlob || !ids || !hashesBlob || !pagesBlob || !rowsBlob) return undefined
    const ends = wordsOf(endsBlob, 'u32')
    const hashes = wordsOf(hashesBlob, 'u32')
    const pages = wordsOf(pagesBlob, 'u32')
    const planOfRow = signed(wordsOf(rowsBlob, 'u32'))
    if (!ends || !hashes || !pages || !planOfRow) return undefined
    // Ends rise within the ids, the hashes are sorted and each page is named once, rows point to
    // pages: checked in one pass each (what is read in place is never trusted).
    let last = 0
    for (const e of ends) {
      if (e < last || e > idBytes) return undefined
      last = e
    }
    if (last !== idBytes) return undefined
    const seen = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      const page = pages[i] as number
      if (page >= n || seen[page] === 1) return undefined
      if (i > 0 && (hashes[i] as number) < (hashes[i - 1] as number)) return undefined
      seen[page] = 1
    }
    for (const v of planOfRow) if (v < -1 || v >= n) return undefined
    return { people: new PeoplePages(ends, ids, hashes, pages), planOfRow }
  }
}

/** The same words read as signed (a row's page is -1 where it has none). */
function signed(words: Uint32Array | undefined): Int32Array | undefined {
  return words && new Int32Array(words.buffer, words.byteOffset, words.length)
}

/** Words as the bytes they lie in (section-bytes.ts: numbers are stored as in memory). */
function bytesOf(words: Uint32Array | Int32Array): Buffer {
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength)
}

/** Format 1: a 4-byte big-endian length, that many bytes of JSON, then the rows (i32 LE). */
function readFormat1(bytes: Buffer): { people: PeoplePages; planOfRow: Int32Array } | undefined {
  if (bytes.length < 4) return undefined
  const length = bytes.readUInt32BE(0)
  const rowsAt = 4 + length
  if (rowsAt > bytes.length || (bytes.length - rowsAt) % 4 !== 0) return undefined
  let header: unknown
  try {
    header = JSON.parse(bytes.subarray(4, rowsAt).toString('utf8'))
  } catch {
    return undefined
  }
  // Checked by hand (a quarter of a million ids): an object with the format and only strings.
  if (typeof header !== 'object' || header === null) return undefined
  const format: unknown = Reflect.get(header, 'format')
  const list: unknown = Reflect.get(header, 'people')
  if (format !== FORMAT_1 || !Array.isArray(list)) return undefined
  const people: string[] = []
  for (const id of list) {
    if (typeof id !== 'string') return undefined
    people.push(id)
  }
  const planOfRow = signed(wordsOf(bytes.subarray(rowsAt), 'u32'))
  if (!planOfRow) return undefined
  for (const v of planOfRow) if (v < -1 || v >= people.length) return undefined
  return { people: PeoplePages.fromList(people), planOfRow }
}
