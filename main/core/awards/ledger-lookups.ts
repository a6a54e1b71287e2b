/**
 * The award ledger's lookup tables, each built from the columns the first time a caller needs it
 * and kept current afterwards: row by award id, rows by (normalised) e-mail, and the folded
 * search text. `kiln status` builds none of them; one award
 * builds the id and e-mail tables; a search builds the search text.
 */
import { foldText } from '../csv/columns.js'
import { normaliseEmail } from '../../../shared/email.js'

/** The columns the lookups read (awards/ledger.ts). */
export type LookupColumns = Readonly<{
  ids: readonly string[]
  names: readonly string[]
  emails: readonly string[]
  badges: readonly string[]
  badge: readonly number[]
  statusIndex: readonly number[]
  revoked: ReadonlyMap<number, unknown>
}>

const NONE: readonly number[] = []
const SCANS_BEFORE_TABLE = 8

export class LedgerLookups {
  #byId: Map<string, number> | undefined
  #byEmail: Map<string, number[]> | undefined
  #search: SearchText | undefined
  #scans = 0
  /** The search text saved in the checkpoint with the columns (read by the first search). */
  readonly #saved: (() => Buffer | undefined) | undefined

  constructor(saved?: () => Buffer | undefined) {
    this.#saved = saved
  }

  /**
   * The row of an award id. The first few asks scan the ids (≈ 10 ms at a million) instead of
   * building the table (≈ 0.5 s): a short tail after the checkpoint, or one award looked up, needs
   * no table; a busier caller gets it from the ninth ask on.
   */
  rowOf(c: LookupColumns, id: string): number | undefined {
    if (!this.#byId && this.#scans < SCANS_BEFORE_TABLE) {
      this.#scans++
      const row = c.ids.lastIndexOf(id)
      return row < 0 ? undefined : row
    }
    if (!this.#byId) {
      const map = new Map<string, number>()
      c.ids.forEach((value, row) => map.set(value, row))
      this.#byId = map
    }
    return this.#byId.get(id)
  }

  rowsOfEmail(c: LookupColumns, email: string): readonly number[] {
    return this.#emails(c).get(email) ?? NONE
  }

  emailCount(c: LookupColumns): number {
    return this.#emails(c).size
  }

  #emails(c: LookupColumns): Map<string, number[]> {
    if (!this.#byEmail) {
      const map = new Map<string, number[]>()
      c.emails.forEach((email, row) => addTo(map, normaliseEmail(email), row))
      this.#byEmail = map
    }
    return this.#byEmail
  }

  /** A new row: every table already built learns it. */
  added(c: LookupColumns, row: number): void {
    const id = c.ids[row]
    if (id !== undefined) this.#byId?.set(id, row)
    if (this.#byEmail) addTo(this.#byEmail, normaliseEmail(c.emails[row] ?? ''), row)
  }

  /** Rows whose name, e-mail, id, badge id or badge name hold every word, newest first. */
  search(
    c: LookupColumns,
    words: readonly string[],
    badgeNames: ReadonlyMap<string, string> | undefined
  ): number[] {
    return this.#searchText(c).find(c, words, badgeNames)
  }

  /** The folded search text of every row, to save beside the columns (see SearchText.saved). */
  savedSearch(c: LookupColumns): string {
    return this.#searchText(c).saved(c)
  }

  #searchText(c: LookupColumns): SearchText {
    this.#search ??= SearchText.restore(c, this.#saved?.()) ?? new SearchText(c)
    return this.#search
  }
}

function addTo(map: Map<string, number[]>, key: string, row: number): void {
  const rows = map.get(key)
  if (rows) rows.push(row)
  else map.set(key, [row])
}

/**
 * Every award's "name\temail\tid", folded (accents and case; ASCII rows only lower-cased), one
 * line per award in one string: a word is found with indexOf over it, and a hit's row by a binary
 * search over the line starts. Rows added later are folded one by one.
 */
class SearchText {
  readonly #text: string
  readonly #starts: Float64Array
  readonly #rows: number
  readonly #later: string[] = []

  /**
   * The text saved by `saved` ("kiln-search/1 <rows>\n" and the lines), or undefined when it
   * is missing or does not fit these columns (then the rows are folded again).
   */
  static restore(c: LookupColumns, bytes: Buffer | undefined): SearchText | undefined {
    if (!bytes) return undefined
    const nl = bytes.indexOf(10)
    const head = /^kiln-search\/1 (\d{1,10})$/.exec(bytes.toString('latin1', 0, Math.max(nl, 0)))
    const rows = Number(head?.[1] ?? -1)
    if (nl < 0 || rows < 0 || rows > c.ids.length) return undefined
    const text = bytes.toString('utf8', nl + 1)
    const starts = lineStarts(text, rows)
    return starts ? new SearchText(c, { text, starts, rows }) : undefined
  }

  constructor(
    c: LookupColumns,
    saved?: Readonly<{ text: string; starts: Float64Array; rows: number }>
  ) {
    if (saved) {
      this.#text = saved.text
      this.#starts = saved.starts
      this.#rows = saved.rows
      return
    }
    const n = c.ids.length
    const parts = new Array<string>(n)
    for (let row = 0; row < n; row++) {
      parts[row] = fold(`${c.names[row] ?? ''}\t${c.emails[row] ?? ''}\t${c.ids[row] ?? ''}`)
    }
    let text = parts.join('\n')
    let starts = lineStarts(text, n)
    if (!starts) {
      // A value held a line break (no input allows one today): such rows are made one line.
      for (let row = 0; row < n; row++) parts[row] = fold(rowText(c, row))
      text = parts.join('\n')
      starts = lineStarts(text, n) ?? new Float64Array(n + 1)
    }
    this.#text = text
    this.#rows = n
    this.#starts = starts
  }

  /** Every row's line, with a first line naming the format and the count (see `restore`). */
  saved(c: LookupColumns): string {
    this.#catchUp(c)
    const lines = this.#rows > 0 ? [this.#text, ...this.#later] : this.#later
    return `kiln-search/1 ${this.#rows + this.#later.length}\n${lines.join('\n')}`
  }

  #catchUp(c: LookupColumns): void {
    for (let row = this.#rows + this.#later.length; row < c.ids.length; row++) {
      this.#later.push(fold(rowText(c, row)))
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
      const badges = new Set<number>()
      c.badges.forEach((id, b) => {
        if (foldText(`${id}\n${badgeNames?.get(id) ?? ''}`).includes(word)) badges.add(b)
      })
      const marked = new Uint8Array(n)
      for (let at = this.#text.indexOf(word); at >= 0; at = this.#text.indexOf(word, at + 1)) {
        marked[this.#rowAt(at)] = 1
      }
      this.#later.forEach((text, i) => {
        if (text.includes(word)) marked[this.#rows + i] = 1
      })
      if (badges.size > 0) {
        for (let row = 0; row < n; row++) if (badges.has(c.badge[row] ?? -1)) marked[row] = 1
      }
      for (let row = 0; row < n; row++) if (marked[row] === 1 && hits[row] === k) hits[row] = k + 1
    })
    const rows: number[] = []
    for (let row = n - 1; row >= 0; row--) if (hits[row] === words.length) rows.push(row)
    return rows
  }

  /** The row whose text holds character `at` (binary search over the row starts). */
  #rowAt(at: number): number {
    let lo = 0
    let hi = this.#rows - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.#starts[mid] ?? 0) <= at) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}

/** foldText, with ASCII (most names and every e-mail here) only lower-cased: same result. */
function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : foldText(text)
}

/** Where each of the n lines starts (and the end + 1), or undefined if there are not n lines. */
function lineStarts(text: string, n: number): Float64Array | undefined {
  const starts = new Float64Array(n + 1)
  let at = 0
  for (let row = 0; row < n; row++) {
    starts[row] = at
    const nl = text.indexOf('\n', at)
    if (nl < 0 && row < n - 1) return undefined
    at = nl < 0 ? text.length + 1 : nl + 1
  }
  if (at !== text.length + 1) return undefined
  starts[n] = text.length + 1
  return starts
}

function rowText(c: LookupColumns, row: number): string {
  // Words never hold white space, so tabs or line breaks inside a value are spaces to a search.
  return `${oneLine(c.names[row])}\t${oneLine(c.emails[row])}\t${oneLine(c.ids[row])}`
}

function oneLine(value: string | undefined): string {
  return (value ?? '').replace(/[\n\t]/g, ' ')
}
