/**
 * The award ledger's lookups: row by award id, rows by (normalised) e-mail, and the folded search
 * text. Each is read from what the checkpoint saved beside the columns when it can be (the e-mail
 * index `awards.byEmail`, the search text `awards.search`), otherwise built from the columns the
 * first time a caller needs it, and kept current for rows added afterwards. The saved forms are
 * searched as bytes: a lookup decodes only the rows it finds, never a million strings.
 * `kiln status` uses none of them; one award reads the id column's bytes and the e-mail index;
 * a search reads the search text.
 */
import { foldText } from '../csv/columns.js'
import { normaliseEmail } from '../../../shared/email.js'
import { rowAt, type NumberColumn, type StringColumn } from './ledger-store.js'
import { alignedTo, fnv1a, fnv1aBytes, lowerBound } from '../journal/section-bytes.js'

/** The columns the lookups read (awards/ledger.ts; loaded by the ledger before it asks). */
export type LookupColumns = Readonly<{
  ids: StringColumn
  names: StringColumn
  emails: StringColumn
  badges: readonly string[]
  badge: NumberColumn
}>

/** Sections saved beside the columns (read on first use; undefined when missing or changed). */
export type SavedLookups = Readonly<{
  search: () => Buffer | undefined
  byEmail: () => Buffer | undefined
  byId?: () => Buffer | undefined
}>

const SCANS_BEFORE_TABLE = 8
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

export class LedgerLookups {
  #byId: Map<string, number> | undefined
  #scans = 0
  /** Rows added after the saved state (all rows when nothing was saved), by id. */
  readonly #laterIds = new Map<string, number>()
  #idIndex: SavedIdIndex | undefined
  #idIndexTried = false
  #search: SearchText | undefined
  readonly #emails: EmailLookup
  readonly #saved: SavedLookups | undefined
  /** Rows that were in the saved state (not added through `added`). */
  readonly #baseRows: number

  /** `baseRows`: the rows of the checkpoint the saved lookups describe. */
  constructor(saved?: SavedLookups, baseRows = 0) {
    this.#saved = saved
    this.#baseRows = baseRows
    this.#emails = new EmailLookup(saved?.byEmail, baseRows)
  }

  #ids(): SavedIdIndex | undefined {
    if (!this.#idIndexTried) {
      this.#idIndexTried = true
      this.#idIndex = SavedIdIndex.read(this.#saved?.byId?.(), this.#baseRows)
    }
    return this.#idIndex
  }

  /**
   * The row of an id when it is known without the id column: a row added since the checkpoint,
   * or none (the saved id index has no entry with the id's hash); 'check' when only the id
   * column can tell (then load it and call `rowOf`).
   */
  quickRow(c: LookupColumns, id: string): number | undefined | 'check' {
    const later = this.#laterIds.get(id)
    if (later !== undefined || this.#baseRows === 0) return later
    const index = this.#ids()
    if (index) return index.has(id) ? 'check' : undefined
    return c.ids.loaded ? this.rowOf(c, id) : 'check'
  }

  /**
   * The row of an award id (the id column loaded, unless the row came after the checkpoint):
   * rows added since, then the saved id index's candidates (checked against the column); with
   * no index the first few asks search the column's bytes (≈ 10 ms at a million) and the ninth
   * builds a table.
   */
  rowOf(c: LookupColumns, id: string): number | undefined {
    const later = this.#laterIds.get(id)
    if (later !== undefined || this.#baseRows === 0) return later
    const index = this.#ids()
    if (index) {
      let found: number | undefined
      for (const row of index.candidates(id)) {
        if (c.ids.at(row) === id) found = Math.max(found ?? 0, row)
      }
      return found
    }
    if (!this.#byId && this.#scans < SCANS_BEFORE_TABLE) {
      this.#scans++
      const row = c.ids.lastIndexOf(id)
      return row < 0 ? undefined : row
    }
    if (!this.#byId) {
      const map = new Map<string, number>()
      c.ids.all().forEach((value, row) => map.set(value, row))
      this.#byId = map
    }
    return this.#byId.get(id)
  }

  /** The id index to save beside the columns (from the id column's section bytes). */
  savedIdIndex(idColumnBytes: Buffer, rows: number): Buffer {
    return SavedIdIndex.write(idColumnBytes, rows)
  }

  /** True when an e-mail lookup will read the e-mail column (no saved index could be used). */
  emailsNeedColumn(): boolean {
    return this.#emails.needsColumn()
  }

  /** True when `distinctEmails` will read the e-mail column. */
  distinctNeedsColumn(c: LookupColumns): boolean {
    return this.#emails.distinctNeedsColumn(c)
  }

  rowsOfEmail(c: LookupColumns, email: string): readonly number[] {
    return this.#emails.rowsOf(c, email)
  }

  emailCount(c: LookupColumns): number {
    return this.#emails.count(c)
  }

  /** Distinct e-mails among the marked rows (exact as written; see EmailLookup.distinct). */
  distinctEmails(c: LookupColumns, marked: Uint8Array): number {
    return this.#emails.distinct(c, marked)
  }

  /** The e-mail index to save beside the columns. */
  savedEmailIndex(c: LookupColumns): Buffer {
    return this.#emails.saved(c)
  }

  /** A new row: every table already built learns it. */
  added(c: LookupColumns, row: number): void {
    const id = c.ids.at(row)
    this.#laterIds.set(id, row)
    this.#byId?.set(id, row)
    this.#emails.added(c, row)
  }

  /** True when a search will fold the columns (no saved text could be used). */
  searchNeedsColumns(rows: number): boolean {
    if (!this.#search) {
      const saved = SearchText.restore(this.#saved?.search(), rows)
      if (saved) this.#search = saved
    }
    return !this.#search
  }

  /** Rows whose name, e-mail, id, badge id or badge name hold every word, newest first. */
  search(
    c: LookupColumns,
    words: readonly string[],
    badgeNames: ReadonlyMap<string, string> | undefined
  ): number[] {
    return this.#searchText(c).find(c, words, badgeNames)
  }

  /** Badges whose id or name holds the word (their rows match it too). */
  static badgesMatching(
    badges: readonly string[],
    word: string,
    badgeNames: ReadonlyMap<string, string> | undefined
  ): Set<number> {
    const hits = new Set<number>()
    badges.forEach((id, b) => {
      if (foldText(`${id}\n${badgeNames?.get(id) ?? ''}`).includes(word)) hits.add(b)
    })
    return hits
  }

  /** The folded search text of every row, to save beside the columns (undefined: not savable). */
  savedSearch(c: LookupColumns): Buffer | undefined {
    return this.#searchText(c).saved(c)
  }

  #searchText(c: LookupColumns): SearchText {
    if (!this.#search && !this.searchNeedsColumns(c.ids.length)) return this.#search as never
    this.#search ??= SearchText.fold(c)
    return this.#search
  }
}

function addTo(map: Map<string, number[]>, key: string, row: number): void {
  const rows = map.get(key)
  if (rows) rows.push(row)
  else map.set(key, [row])
}

const ID_MAGIC = 0x3149494b // "KII1", little-endian

/**
 * The saved id index ("KII1"): u32 magic, rows n, then the n ids' hashes (ascending) and their
 * rows. An id whose hash is not there is not in the saved rows: a new award is told apart from a
 * known one without reading the id column.
 */
class SavedIdIndex {
  readonly #hashes: Uint32Array
  readonly #rows: Uint32Array

  private constructor(hashes: Uint32Array, rows: Uint32Array) {
    this.#hashes = hashes
    this.#rows = rows
  }

  static read(bytes: Buffer | undefined, n: number): SavedIdIndex | undefined {
    if (!bytes || bytes.length !== 8 + 8 * n) return undefined
    const own = alignedTo(bytes, 4)
    const all = new Uint32Array(own.buffer, own.byteOffset, 2 + 2 * n)
    if (all[0] !== ID_MAGIC || all[1] !== n) return undefined
    const hashes = all.subarray(2, 2 + n)
    const rows = all.subarray(2 + n)
    for (let i = 0; i < n; i++) {
      if ((rows[i] as number) >= n) return undefined
      if (i > 0 && (hashes[i] as number) < (hashes[i - 1] as number)) return undefined
    }
    return new SavedIdIndex(hashes, rows)
  }

  /** From the id column's section (u32 byte starts, padded to 8, then the ids as UTF-8). */
  static write(column: Buffer, n: number): Buffer {
    const starts = new Uint32Array(n + 1)
    Buffer.from(starts.buffer).set(column.subarray(0, (n + 1) * 4))
    const textAt = ((n + 1) * 4 + 7) & ~7
    const keys = new Float64Array(n)
    const hashes = new Uint32Array(n)
    for (let row = 0; row < n; row++) {
      hashes[row] = fnv1aBytes(
        column,
        textAt + (starts[row] as number),
        textAt + (starts[row + 1] as number)
      )
    }
    const out = Buffer.alloc(8 + 8 * n)
    const all = new Uint32Array(out.buffer, out.byteOffset, 2 + 2 * n)
    all[0] = ID_MAGIC
    all[1] = n
    if (n < 2 ** 21) {
      // hash · 2^21 + row is exact in a double: one numeric sort orders by hash, then row.
      for (let row = 0; row < n; row++) keys[row] = (hashes[row] as number) * 2 ** 21 + row
      keys.sort()
      for (let i = 0; i < n; i++) {
        const row = (keys[i] as number) % 2 ** 21
        all[2 + i] = hashes[row] as number
        all[2 + n + i] = row
      }
    } else {
      const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => (hashes[a] as number) - (hashes[b] as number) || a - b
      )
      order.forEach((row, i) => {
        all[2 + i] = hashes[row] as number
        all[2 + n + i] = row
      })
    }
    return out
  }

  #first(h: number): number {
    return lowerBound(this.#hashes, h)
  }

  has(id: string): boolean {
    const h = hashOfId(id)
    return this.#hashes[this.#first(h)] === h
  }

  candidates(id: string): number[] {
    const h = hashOfId(id)
    const rows: number[] = []
    for (let i = this.#first(h); this.#hashes[i] === h; i++) rows.push(this.#rows[i] as number)
    return rows
  }
}

function hashOfId(id: string): number {
  const bytes = Buffer.from(id, 'utf8')
  return fnv1aBytes(bytes, 0, bytes.length)
}

const INDEX_MAGIC = 0x3149454b // "KEI1", little-endian

/**
 * The saved e-mail index ("KEI1"): u32 magic, groups D, rows n, allNormal (1 when every e-mail is
 * written in its normalised form), then u32 arrays: the groups' hashes (ascending), their row
 * offsets (D + 1), the rows grouped (n, ascending in each group), their keys' byte starts (D + 1),
 * then the keys (normalised e-mails, UTF-8).
 */
class SavedEmailIndex {
  readonly groups: number
  readonly rows: number
  readonly allNormal: boolean
  readonly #hashes: Uint32Array
  readonly #offsets: Uint32Array
  readonly #rows: Uint32Array
  readonly #keyStarts: Uint32Array
  readonly #keys: Buffer

  private constructor(
    parts: Readonly<{
      allNormal: boolean
      hashes: Uint32Array
      offsets: Uint32Array
      rows: Uint32Array
      keyStarts: Uint32Array
      keys: Buffer
    }>
  ) {
    this.groups = parts.hashes.length
    this.rows = parts.rows.length
    this.allNormal = parts.allNormal
    this.#hashes = parts.hashes
    this.#offsets = parts.offsets
    this.#rows = parts.rows
    this.#keyStarts = parts.keyStarts
    this.#keys = parts.keys
  }

  /** The index, or undefined when the bytes do not fit it (the caller builds one instead). */
  static read(bytes: Buffer | undefined, rows: number): SavedEmailIndex | undefined {
    if (!bytes || bytes.length < 16) return undefined
    const own = alignedTo(bytes, 4)
    const head = new Uint32Array(own.buffer, own.byteOffset, 4)
    const [magic, d = 0, n = 0, normal] = head
    if (magic !== INDEX_MAGIC || n !== rows || d > n) return undefined
    const words = 4 + d + (d + 1) + n + (d + 1)
    if (own.length < words * 4) return undefined
    const all = new Uint32Array(own.buffer, own.byteOffset, words)
    let at = 4
    const take = (count: number) => all.subarray(at, (at += count))
    const hashes = take(d)
    const offsets = take(d + 1)
    const grouped = take(n)
    const keyStarts = take(d + 1)
    const keys = own.subarray(words * 4)
    if (offsets[0] !== 0 || offsets[d] !== n || keyStarts[0] !== 0) return undefined
    if (keyStarts[d] !== keys.length) return undefined
    for (let g = 0; g < d; g++) {
      if ((offsets[g + 1] as number) <= (offsets[g] as number)) return undefined
      if ((keyStarts[g + 1] as number) < (keyStarts[g] as number)) return undefined
      if (g > 0 && (hashes[g] as number) < (hashes[g - 1] as number)) return undefined
    }
    for (let i = 0; i < n; i++) if ((grouped[i] as number) >= n) return undefined
    return new SavedEmailIndex({
      allNormal: normal === 1,
      hashes,
      offsets,
      rows: grouped,
      keyStarts,
      keys
    })
  }

  /** The group of a normalised e-mail, or -1. */
  group(email: string): number {
    const h = fnv1a(email)
    for (
      let g = lowerBound(this.#hashes, h, this.groups);
      g < this.groups && this.#hashes[g] === h;
      g++
    ) {
      if (this.key(g) === email) return g
    }
    return -1
  }

  key(g: number): string {
    return this.#keys.toString('utf8', this.#keyStarts[g], this.#keyStarts[g + 1])
  }

  rowsOf(g: number): Uint32Array {
    return this.#rows.subarray(this.#offsets[g], this.#offsets[g + 1])
  }

  /** Every row's group (for counting distinct e-mails among rows). */
  groupOfRows(): Uint32Array {
    const out = new Uint32Array(this.rows)
    for (let g = 0; g < this.groups; g++) {
      const end = this.#offsets[g + 1] as number
      for (let i = this.#offsets[g] as number; i < end; i++) out[this.#rows[i] as number] = g
    }
    return out
  }
}

/**
 * Rows by normalised e-mail: the saved index for the rows it covers, a map for the rows after
 * them (all rows when nothing was saved), built when first asked.
 */
class EmailLookup {
  readonly #savedBytes: (() => Buffer | undefined) | undefined
  #saved: SavedEmailIndex | undefined
  #tried = false
  /** Rows from `#from` on, by normalised e-mail (built on first use, then kept current). */
  #tail: Map<string, number[]> | undefined
  #from = 0
  /** Keys of the tail not in the saved index. */
  #newKeys = 0
  /** False once an e-mail is seen that is not written in its normalised form. */
  #allNormal = true

  /** The rows the saved index covers (the checkpoint's). */
  readonly #baseRows: number

  constructor(saved: (() => Buffer | undefined) | undefined, baseRows: number) {
    this.#savedBytes = saved
    this.#baseRows = baseRows
  }

  #index(): SavedEmailIndex | undefined {
    if (!this.#tried) {
      this.#tried = true
      const index = SavedEmailIndex.read(this.#savedBytes?.(), this.#baseRows)
      if (index && !this.#tail) {
        this.#saved = index
        this.#from = index.rows
        this.#allNormal = index.allNormal
      }
    }
    return this.#saved
  }

  needsColumn(): boolean {
    return !this.#tail && !this.#index()
  }

  /** True when counting distinct e-mails will read the e-mail column. */
  distinctNeedsColumn(c: LookupColumns): boolean {
    if (!this.#index()) return true
    this.#map(c)
    return !this.#allNormal
  }

  #map(c: LookupColumns): Map<string, number[]> {
    const saved = this.#index()
    if (!this.#tail) {
      const map = new Map<string, number[]>()
      const emails = saved ? undefined : c.emails.all()
      for (let row = this.#from; row < c.emails.length; row++) {
        this.#learn(map, emails?.[row] ?? c.emails.at(row), row)
      }
      this.#tail = map
    }
    return this.#tail
  }

  #learn(map: Map<string, number[]>, raw: string, row: number): void {
    const key = normaliseEmail(raw)
    if (key !== raw) this.#allNormal = false
    if (!map.has(key) && (this.#saved?.group(key) ?? -1) < 0) this.#newKeys++
    addTo(map, key, row)
  }

  added(c: LookupColumns, row: number): void {
    if (this.#tail) this.#learn(this.#tail, c.emails.at(row), row)
  }

  rowsOf(c: LookupColumns, email: string): readonly number[] {
    const tail = this.#map(c).get(email) ?? []
    const g = this.#saved?.group(email) ?? -1
    return g < 0 ? tail : [...(this.#saved?.rowsOf(g) ?? []), ...tail]
  }

  count(c: LookupColumns): number {
    this.#map(c)
    return (this.#saved?.groups ?? 0) + this.#newKeys
  }

  /**
   * Distinct e-mails, as written, among the marked rows. With every e-mail written in its
   * normalised form (always, for awards this Kiln issued) that is the count of index groups;
   * otherwise the e-mails are compared as text.
   */
  distinct(c: LookupColumns, marked: Uint8Array): number {
    const tail = this.#map(c)
    const saved = this.#saved
    if (!saved || !this.#allNormal) {
      const seen = new Set<string>()
      const emails = c.emails.all()
      for (let row = 0; row < marked.length; row++) {
        if (marked[row] === 1) seen.add(emails[row] ?? '')
      }
      return seen.size
    }
    const groupOf = saved.groupOfRows()
    const seen = new Uint8Array(saved.groups)
    let n = 0
    for (let row = 0; row < saved.rows; row++) {
      if (marked[row] !== 1) continue
      const g = groupOf[row] as number
      if (seen[g] === 0) {
        seen[g] = 1
        n++
      }
    }
    const others = new Set<string>()
    for (const [key, rows] of tail) {
      if (!rows.some((row) => marked[row] === 1)) continue
      const g = saved.group(key)
      if (g < 0) others.add(key)
      else if (seen[g] === 0) {
        seen[g] = 1
        n++
      }
    }
    return n + others.size
  }

  /** The index of every row (the saved groups merged with the later rows), as saved bytes. */
  saved(c: LookupColumns): Buffer {
    const tail = this.#map(c)
    const saved = this.#saved
    const keys: string[] = []
    const rows: (readonly number[] | Uint32Array)[] = []
    const extra = new Map<string, number[]>(tail)
    for (let g = 0; g < (saved?.groups ?? 0); g++) {
      const key = saved?.key(g) ?? ''
      const base = saved?.rowsOf(g) ?? new Uint32Array(0)
      const later = extra.get(key)
      extra.delete(key)
      keys.push(key)
      rows.push(later ? [...base, ...later] : base)
    }
    for (const [key, later] of extra) {
      keys.push(key)
      rows.push(later)
    }
    const d = keys.length
    const n = c.ids.length
    const hashes = keys.map((key) => fnv1a(key))
    const order = Uint32Array.from({ length: d }, (_, i) => i).sort(
      (a, b) => (hashes[a] as number) - (hashes[b] as number) || a - b
    )
    const keyBytes = keys.map((k) => Buffer.from(k, 'utf8'))
    const keysLength = keyBytes.reduce((size, b) => size + b.length, 0)
    const words = 4 + d + (d + 1) + n + (d + 1)
    const out = Buffer.alloc(words * 4 + keysLength)
    const all = new Uint32Array(out.buffer, out.byteOffset, words)
    all.set([INDEX_MAGIC, d, n, this.#allNormal ? 1 : 0])
    let h = 4
    let off = 4 + d
    let r = 4 + d + (d + 1)
    let ks = r + n
    let rowAtOut = 0
    let keyAt = 0
    const keysAt = words * 4
    all[off++] = 0
    all[ks++] = 0
    for (const g of order) {
      all[h++] = hashes[g] as number
      for (const row of rows[g] ?? []) {
        all[r++] = row
        rowAtOut++
      }
      all[off++] = rowAtOut
      keyBytes[g]?.copy(out, keysAt + keyAt)
      keyAt += keyBytes[g]?.length ?? 0
      all[ks++] = keyAt
    }
    return out
  }
}

const SEARCH_HEAD = /^kiln-search\/([12]) (\d{1,10})$/

/**
 * Every award's "name\temail\tid", folded (accents and case; ASCII rows only lower-cased), one
 * line per award, as UTF-8 bytes: a word is found with indexOf over them, and a hit's row by a
 * binary search over the line starts. Rows added later are folded one by one.
 *
 * Saved as "kiln-search/2 <rows>\n", zero bytes up to a multiple of 8, the u32 byte starts of the
 * rows' lines and the end, then the lines joined by "\n". ("kiln-search/1 <rows>\n" and the lines,
 * from before, is still read: its starts are found again.)
 */
class SearchText {
  readonly #text: Buffer
  readonly #starts: Uint32Array
  readonly #rows: number
  readonly #later: string[] = []

  private constructor(text: Buffer, starts: Uint32Array, rows: number) {
    this.#text = text
    this.#starts = starts
    this.#rows = rows
  }

  /** The saved text, or undefined when it is missing or does not fit (then rows are folded). */
  static restore(bytes: Buffer | undefined, rowCount: number): SearchText | undefined {
    if (!bytes) return undefined
    const nl = bytes.indexOf(10)
    const head = SEARCH_HEAD.exec(bytes.toString('latin1', 0, Math.max(nl, 0)))
    const rows = Number(head?.[2] ?? -1)
    if (nl < 0 || rows < 0 || rows > rowCount) return undefined
    if (rows === 0) return new SearchText(Buffer.alloc(0), Uint32Array.of(1), 0)
    if (head?.[1] === '1') {
      const text = bytes.subarray(nl + 1)
      const starts = lineStarts(text, rows)
      return starts ? new SearchText(text, starts, rows) : undefined
    }
    const startsAt = (nl + 1 + 7) & ~7
    const textAt = startsAt + (rows + 1) * 4
    if (textAt > bytes.length) return undefined
    const own = alignedTo(bytes, 4)
    const starts = new Uint32Array(own.buffer, own.byteOffset + startsAt, rows + 1)
    const text = own.subarray(textAt)
    if (starts[0] !== 0 || starts[rows] !== text.length + 1) return undefined
    for (let row = 0; row < rows; row++) {
      const end = (starts[row + 1] as number) - 1
      if (end < (starts[row] as number) || (end < text.length && text[end] !== 10)) return undefined
    }
    return new SearchText(text, starts, rows)
  }

  /** Every row folded from the columns. */
  static fold(c: LookupColumns): SearchText {
    const n = c.ids.length
    const [names, emails, ids] = [c.names.all(), c.emails.all(), c.ids.all()]
    const parts = new Array<string>(n)
    for (let row = 0; row < n; row++) {
      parts[row] = fold(rowText(names[row], emails[row], ids[row]))
    }
    const text = Buffer.from(parts.join('\n'), 'utf8')
    const starts = new Uint32Array(n + 1)
    let at = 0
    for (let row = 0; row < n; row++) {
      starts[row] = at
      at += Buffer.byteLength(parts[row] ?? '', 'utf8') + 1
    }
    starts[n] = at
    return new SearchText(n > 0 ? text : Buffer.alloc(0), n > 0 ? starts : Uint32Array.of(1), n)
  }

  /** Every row's line (format 2), or undefined when a line holds what UTF-8 cannot keep. */
  saved(c: LookupColumns): Buffer | undefined {
    this.#catchUp(c)
    if (this.#later.some((line) => LONE_SURROGATE.test(line))) return undefined
    const rows = this.#rows + this.#later.length
    const head = Buffer.from(`kiln-search/2 ${rows}\n`, 'latin1')
    const startsAt = (head.length + 7) & ~7
    const later = this.#later.map((line) => Buffer.from(line, 'utf8'))
    const base = this.#rows > 0 ? this.#text : Buffer.alloc(0)
    const textLength =
      rows === 0
        ? 0
        : base.length +
          later.reduce((s, b, i) => s + b.length + (i > 0 || this.#rows > 0 ? 1 : 0), 0)
    const textAt = startsAt + (rows + 1) * 4
    const out = Buffer.alloc(textAt + textLength)
    head.copy(out)
    const starts = new Uint32Array(out.buffer, out.byteOffset + startsAt, rows + 1)
    if (this.#rows > 0) starts.set(this.#starts.subarray(0, this.#rows + 1))
    base.copy(out, textAt)
    let at = base.length
    later.forEach((b, i) => {
      if (this.#rows > 0 || i > 0) out[textAt + at++] = 10
      starts[this.#rows + i] = at
      b.copy(out, textAt + at)
      at += b.length
      starts[this.#rows + i + 1] = at + 1
    })
    if (rows === 0) starts[0] = 1
    return out
  }

  #catchUp(c: LookupColumns): void {
    for (let row = this.#rows + this.#later.length; row < c.ids.length; row++) {
      this.#later.push(fold(rowText(c.names.at(row), c.emails.at(row), c.ids.at(row))))
    }
  }

  find(
    c: LookupColumns,
    words: readonly string[],
    badgeNames: ReadonlyMap<string, string> | undefined
  ): number[] {
    const n = c.ids.length
    this.#catchUp(c)
    const hits = new Uint8Array(n)
    words.forEach((word, k) => {
      const badges = LedgerLookups.badgesMatching(c.badges, word, badgeNames)
      const marked = new Uint8Array(n)
      if (this.#rows > 0 && !LONE_SURROGATE.test(word)) {
        const needle = Buffer.from(word, 'utf8')
        for (
          let at = this.#text.indexOf(needle);
          at >= 0;
          at = this.#text.indexOf(needle, at + 1)
        ) {
          marked[rowAt(this.#starts, this.#rows, at)] = 1
        }
      }
      this.#later.forEach((text, i) => {
        if (text.includes(word)) marked[this.#rows + i] = 1
      })
      if (badges.size > 0) {
        for (let row = 0; row < n; row++) if (badges.has(c.badge.at(row))) marked[row] = 1
      }
      for (let row = 0; row < n; row++) if (marked[row] === 1 && hits[row] === k) hits[row] = k + 1
    })
    const rows: number[] = []
    for (let row = n - 1; row >= 0; row--) if (hits[row] === words.length) rows.push(row)
    return rows
  }
}

/** foldText, with ASCII (most names and every e-mail here) only lower-cased: same result. */
function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : foldText(text)
}

/** Where each of the n lines starts (and the end + 1), or undefined if there are not n lines. */
function lineStarts(text: Buffer, n: number): Uint32Array | undefined {
  const starts = new Uint32Array(n + 1)
  let at = 0
  for (let row = 0; row < n; row++) {
    starts[row] = at
    const nl = text.indexOf(10, at)
    if (nl < 0 && row < n - 1) return undefined
    at = nl < 0 ? text.length + 1 : nl + 1
  }
  if (n > 0 && at !== text.length + 1) return undefined
  starts[n] = n > 0 ? text.length + 1 : 1
  return starts
}

function rowText(name: string | undefined, email: string | undefined, id: string | undefined) {
  // Words never hold white space, so tabs or line breaks inside a value are spaces to a search.
  return `${oneLine(name)}\t${oneLine(email)}\t${oneLine(id)}`
}

function oneLine(value: string | undefined): string {
  return (value ?? '').replace(/[\n\t]/g, ' ')
}
