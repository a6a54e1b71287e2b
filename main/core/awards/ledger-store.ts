/**
 * The award ledger's columns in memory, each one either read in place from its checkpoint section
 * (format 3: one section per column, each with its own SHA-256, read only when a command first
 * needs that column) or built from the journal; rows added later go after them.
 *
 * - A number column views its section's bytes as a Uint32Array / Float64Array (no copy).
 * - A string column keeps its section's UTF-8 bytes and their byte starts; one value is decoded
 *   when asked (`at`), the whole column only when a caller needs every value (`all`), and a value
 *   is found by searching the bytes (`lastIndexOf`), so no million strings are made for it.
 *
 * A column whose section is not loaded refuses to be read (`at` throws): the ledger loads every
 * column a method reads before it reads any (ledger.ts `#need`), so a section refused on load
 * rebuilds the ledger before anything was read from the old one. Hand-written: typed columns this
 * small need no library.
 */
import { wordsOf, type WordKind } from '../journal/section-bytes.js'

export type NumberKind = WordKind

const NOT_LOADED = 'a ledger column was read before it was loaded'

export class NumberColumn {
  readonly kind: NumberKind
  /** Rows held in the checkpoint's bytes (their values once loaded). */
  readonly baseRows: number
  #base: Uint32Array | Float64Array | undefined
  readonly #later: number[] = []

  constructor(kind: NumberKind, baseRows = 0) {
    this.kind = kind
    this.baseRows = baseRows
    this.#base =
      baseRows === 0 ? (kind === 'u32' ? new Uint32Array(0) : new Float64Array(0)) : undefined
  }

  /** A column built from values in memory (an older checkpoint format). */
  static of(kind: NumberKind, values: readonly number[]): NumberColumn {
    const c = new NumberColumn(kind)
    for (const v of values) c.push(v)
    return c
  }

  get loaded(): boolean {
    return this.#base !== undefined
  }

  /** Takes the section's bytes (true) or refuses them (wrong size, or a value `ok` refuses). */
  load(bytes: Buffer, ok?: (value: number) => boolean): boolean {
    const view = wordsOf(bytes, this.kind)
    if (!view || view.length !== this.baseRows) return false
    if (ok) for (let i = 0; i < view.length; i++) if (!ok(view[i] as number)) return false
    this.#base = view
    return true
  }

  get length(): number {
    return this.baseRows + this.#later.length
  }

  at(row: number): number {
    if (row >= this.baseRows) return this.#later[row - this.baseRows] ?? 0
    const base = this.#base
    if (!base) throw new Error(NOT_LOADED)
    return base[row] as number
  }

  push(value: number): void {
    this.#later.push(value)
  }

  /** Every value, as the section's bytes (the loaded bytes themselves when nothing was added). */
  bytes(): Buffer {
    const base = this.#base
    if (!base) throw new Error(NOT_LOADED)
    if (this.#later.length === 0) return Buffer.from(base.buffer, base.byteOffset, base.byteLength)
    const all = this.kind === 'u32' ? new Uint32Array(this.length) : new Float64Array(this.length)
    all.set(base)
    all.set(this.#later, this.baseRows)
    return Buffer.from(all.buffer, all.byteOffset, all.byteLength)
  }
}

/** In a `u` regex a surrogate pair is one code point: only a lone half matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

type StringBase = Readonly<{ text: Buffer; starts: Uint32Array }>

export class StringColumn {
  readonly baseRows: number
  #base: StringBase | undefined
  readonly #later: string[] = []
  #all: string[] | undefined

  constructor(baseRows = 0) {
    this.baseRows = baseRows
    if (baseRows === 0) this.#base = { text: Buffer.alloc(0), starts: new Uint32Array(1) }
  }

  static of(values: readonly string[]): StringColumn {
    const c = new StringColumn()
    for (const v of values) c.push(v)
    return c
  }

  get loaded(): boolean {
    return this.#base !== undefined
  }

  /**
   * Takes the section (u32 byte starts of the n values and the end, padded to 8, then the text)
   * or refuses it: starts not ascending, not ending at the text's end, or (`nonEmpty`) a value
   * that is empty.
   */
  load(bytes: Buffer, nonEmpty = false): boolean {
    const n = this.baseRows
    const startsBytes = (n + 1) * 4
    const textAt = (startsBytes + 7) & ~7
    if (bytes.length < textAt) return false
    const starts = wordsOf(bytes.subarray(0, startsBytes), 'u32')
    if (!(starts instanceof Uint32Array)) return false
    const text = bytes.subarray(textAt)
    if (starts[0] !== 0 || starts[n] !== text.length) return false
    for (let row = 0; row < n; row++) {
      const from = starts[row] as number
      const to = starts[row + 1] as number
      if (to < from || (nonEmpty && to === from)) return false
    }
    this.#base = { text, starts }
    return true
  }

  get length(): number {
    return this.baseRows + this.#later.length
  }

  #loaded(): StringBase {
    if (!this.#base) throw new Error(NOT_LOADED)
    return this.#base
  }

  at(row: number): string {
    if (row >= this.baseRows) return this.#later[row - this.baseRows] ?? ''
    if (this.#all) return this.#all[row] ?? ''
    const base = this.#loaded()
    return base.text.toString('utf8', base.starts[row], base.starts[row + 1])
  }

  push(value: string): void {
    this.#later.push(value)
    this.#all?.push(value)
  }

  /** Every value (decoded once and kept: whole-ledger work). */
  all(): readonly string[] {
    if (this.#all) return this.#all
    const { text, starts } = this.#loaded()
    const n = this.baseRows
    const values = new Array<string>(n)
    const decoded = text.toString('utf8')
    if (decoded.length === text.length) {
      // ASCII: byte starts are character starts.
      for (let row = 0; row < n; row++) {
        values[row] = decoded.slice(starts[row], starts[row + 1])
      }
    } else {
      const counted = charStarts(text, starts, n)
      const chars = counted && counted[n] === decoded.length ? counted : undefined
      for (let row = 0; row < n; row++) {
        values[row] = chars
          ? decoded.slice(chars[row], chars[row + 1])
          : text.toString('utf8', starts[row], starts[row + 1])
      }
    }
    for (const v of this.#later) values.push(v)
    this.#all = values
    return values
  }

  /** The last row holding exactly `value`, found in the bytes (nothing decoded). */
  lastIndexOf(value: string): number {
    for (let i = this.#later.length - 1; i >= 0; i--) {
      if (this.#later[i] === value) return this.baseRows + i
    }
    if (this.baseRows === 0) return -1
    if (this.#all) return this.#all.lastIndexOf(value, this.baseRows - 1)
    const { text, starts } = this.#loaded()
    const needle = Buffer.from(value, 'utf8')
    if (needle.length === 0 || LONE_SURROGATE.test(value)) {
      return this.all().lastIndexOf(value, this.baseRows - 1)
    }
    let found = -1
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const row = rowAt(starts, this.baseRows, at)
      if (starts[row] === at && starts[row + 1] === at + needle.length) found = row
    }
    return found
  }

  /**
   * Every value as the section's bytes (the loaded bytes when nothing was added), or undefined
   * when a value holds a lone surrogate (UTF-8 cannot keep it).
   */
  bytes(): Buffer | undefined {
    const base = this.#loaded()
    const n = this.length
    const later = this.#later.map((v) => {
      if (LONE_SURROGATE.test(v)) return undefined
      return Buffer.from(v, 'utf8')
    })
    if (later.some((b) => b === undefined)) return undefined
    const startsBytes = (n + 1) * 4
    const textAt = (startsBytes + 7) & ~7
    const extra = later.reduce((size, b) => size + (b?.length ?? 0), 0)
    const out = Buffer.alloc(textAt + base.text.length + extra)
    const starts = new Uint32Array(out.buffer, out.byteOffset, n + 1)
    starts.set(base.starts.subarray(0, this.baseRows + 1))
    base.text.copy(out, textAt)
    let at = base.text.length
    later.forEach((b, i) => {
      b?.copy(out, textAt + at)
      at += b?.length ?? 0
      starts[this.baseRows + i + 1] = at
    })
    return out
  }
}

/** The row whose value holds byte `at` (binary search over the byte starts). */
export function rowAt(starts: Uint32Array | Float64Array, n: number, at: number): number {
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((starts[mid] as number) <= at) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * The UTF-16 position of every byte start (what slicing the decoded text needs), or undefined if
 * the bytes are not the UTF-8 they should be (then each value is decoded on its own).
 */
function charStarts(text: Buffer, starts: Uint32Array, n: number): Float64Array | undefined {
  const chars = new Float64Array(n + 1)
  let units = 0
  let row = 0
  for (let i = 0; i <= text.length; i++) {
    while (row <= n && starts[row] === i) chars[row++] = units
    if (i === text.length) break
    const b = text[i] as number
    if (b < 0x80 || (b >= 0xc0 && b < 0xf0)) units += 1
    else if (b >= 0xf0) units += 2
  }
  return row === n + 1 ? chars : undefined
}
