/**
 * Measuring and fitting badge text with the shipped fonts' advance widths (font-metrics.ts,
 * scripts.ts), so the browser preview and the main process lay text out identically and never
 * overflow.
 */
import { FONT_METRICS, type FontMetrics } from './font-metrics.js'
import { measureLine } from './scripts.js'

export type FontWeightKey = 'bold' | 'semibold'

export function fontMetrics(weight: FontWeightKey): FontMetrics {
  return FONT_METRICS[weight]
}

/**
 * Width of `text` at `size` in every script the badge renderer draws (scripts.ts): an upper
 * bound, so a line measured to fit never overflows.
 */
export function measureText(text: string, weight: FontWeightKey, size: number): number {
  return measureLine(text, weight, size)
}

export type TextBox = Readonly<{
  /** Horizontal centre of the text. */
  cx: number
  top: number
  bottom: number
  width: number
  /** Largest title size this box allows. */
  maxTitle: number
}>

export type TextRow = Readonly<{
  text: string
  size: number
  weight: FontWeightKey
  /** Baseline. */
  y: number
  /** Measured width (≤ the box width). */
  width: number
}>

/** The title never goes below this (in the 600-unit design: 12 px in the 260 px preview). */
const TITLE_MIN = 28
/** Lines 2 and 3 never go below this (11 px in the preview, 26 px in the PNG): they wrap first. */
export const SUB_MIN = 26
const LINE_HEIGHT = 1.18
const GAP = 0.3
const SUB_RATIO = 0.6
/** Room left for rounding and shaping differences. */
const SAFETY = 0.97
/** Rows each line may take, tried in turn: one row each, then two, then three for the title. */
const WRAP_LEVELS: ReadonlyArray<readonly number[]> = [
  [1, 1, 1],
  [2, 2, 2],
  [3, 2, 2]
]
const MAX_ROWS = WRAP_LEVELS[WRAP_LEVELS.length - 1] ?? [1, 1, 1]

type Block = { rows: string[]; size: number; weight: FontWeightKey; line: number }

const CJK_CHAR = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u

/** Where a line may break: after a space, or between two CJK characters. */
function breakpoints(chars: readonly string[]): number[] {
  const points: number[] = []
  for (let i = 1; i < chars.length; i++) {
    const before = chars[i - 1] ?? ''
    const at = chars[i] ?? ''
    if (at !== ' ' && (before === ' ' || (CJK_CHAR.test(before) && CJK_CHAR.test(at)))) {
      points.push(i)
    }
  }
  return points
}

/** The most balanced way to set `text` in `count` rows (the widest row as narrow as it can be). */
function splitInto(
  text: string,
  count: number,
  weight: FontWeightKey,
  size: number
): string[] | null {
  if (count === 1) return [text]
  const chars = [...text]
  const points = breakpoints(chars)
  if (points.length < count - 1) return null
  const row = (from: number, to: number) => chars.slice(from, to).join('').trim()
  let best: string[] | null = null
  let bestWidth = Infinity
  const choose = (start: number, from: number, left: number, acc: string[]): void => {
    if (left === 0) {
      const rows = [...acc, row(from, chars.length)]
      const widest = Math.max(...rows.map((r) => measureText(r, weight, size)))
      if (widest < bestWidth) {
        bestWidth = widest
        best = rows
      }
      return
    }
    for (let p = start; p < points.length; p++) {
      const at = points[p] ?? 0
      choose(p + 1, at, left - 1, [...acc, row(from, at)])
    }
  }
  choose(0, 0, count - 1, [])
  return best
}

/** The fewest rows (up to `most`) in which the line fits the width, or null. */
function wrapLine(
  text: string,
  weight: FontWeightKey,
  size: number,
  limit: number,
  most: number
): string[] | null {
  for (let count = 1; count <= most; count++) {
    const rows = splitInto(text, count, weight, size)
    if (rows && rows.every((r) => measureText(r, weight, size) <= limit)) return rows
  }
  return null
}

function subSize(titleSize: number): number {
  return Math.min(titleSize, Math.max(SUB_MIN, Math.round(titleSize * SUB_RATIO)))
}

function layoutAt(
  lines: readonly string[],
  titleSize: number,
  box: TextBox,
  maxRows: readonly number[]
): Block[] | null {
  const limit = box.width * SAFETY
  const blocks: Block[] = []
  for (const [index, line] of lines.entries()) {
    const weight: FontWeightKey = index === 0 ? 'bold' : 'semibold'
    const size = index === 0 ? titleSize : subSize(titleSize)
    const rows = wrapLine(line, weight, size, limit, maxRows[index] ?? 1)
    if (!rows) return null
    blocks.push({ rows, size, weight, line: index })
  }
  return blockHeight(blocks) <= box.bottom - box.top ? blocks : null
}

function blockHeight(blocks: readonly Block[]): number {
  let h = 0
  blocks.forEach((b, i) => {
    h += b.rows.length * b.size * LINE_HEIGHT
    if (i > 0) h += b.size * GAP
  })
  return h
}

function truncate(text: string, weight: FontWeightKey, size: number, limit: number): string {
  if (measureText(text, weight, size) <= limit) return text
  const chars = [...text]
  while (chars.length > 0 && measureText(chars.join('').trimEnd() + '…', weight, size) > limit) {
    chars.pop()
  }
  return chars.join('').trimEnd() + '…'
}

/**
 * Last resort, at the smallest sizes: each line in as many rows as there is room for, the last
 * one cut with an ellipsis; a line with no room left is dropped. Returns the lines cut.
 */
function squeeze(lines: readonly string[], box: TextBox): { blocks: Block[]; cut: number[] } {
  const limit = box.width * SAFETY
  const room = box.bottom - box.top
  const cut: number[] = []
  const blocks: Block[] = []
  for (const [index, line] of lines.entries()) {
    const weight: FontWeightKey = index === 0 ? 'bold' : 'semibold'
    const size = index === 0 ? TITLE_MIN : SUB_MIN
    let placed: Block | null = null
    for (let count = MAX_ROWS[index] ?? 2; count >= 1 && !placed; count--) {
      const rows = splitInto(line, count, weight, size) ?? [line]
      const fitted = rows.map((r, i) =>
        i === rows.length - 1 ? truncate(r, weight, size, limit) : r
      )
      const block = { rows: fitted, size, weight, line: index }
      if (
        fitted.every((r) => measureText(r, weight, size) <= limit) &&
        blockHeight([...blocks, block]) <= room
      ) {
        placed = block
      }
    }
    if (placed) {
      if (placed.rows.join(' ') !== line) cut.push(index)
      blocks.push(placed)
    } else cut.push(index)
  }
  return { blocks, cut }
}

export type FittedText = Readonly<{
  rows: TextRow[]
  /** Indexes of lines shortened with an ellipsis or left out for want of room. */
  cut: readonly number[]
}>

/**
 * Lays out up to three lines in `box`: the title as large as fits (up to `hint` and the box's
 * maximum), the others at about 60 % of it but never below SUB_MIN; a line too long for one row
 * wraps (the title into up to three rows, the others two) at the most balanced break. Every
 * row's width stays within the box and the block within its height; what still does not fit
 * is cut with an ellipsis, and `cut` says which lines were.
 */
export function fitTextDetailed(lines: readonly string[], box: TextBox, hint?: number): FittedText {
  const clean = lines.map((l) => l.replace(/\s+/g, ' ').trim())
  const kept = clean.filter((l) => l.length > 0)
  if (kept.length === 0) return { rows: [], cut: [] }
  const start = Math.floor(Math.min(box.maxTitle, hint ?? box.maxTitle))
  const search = (maxRows: readonly number[]): { size: number; blocks: Block[] } | null => {
    for (let size = start; size >= TITLE_MIN; size--) {
      const blocks = layoutAt(kept, size, box, maxRows)
      if (blocks) return { size, blocks }
    }
    return null
  }
  // Fewer rows first; wrapping only when it keeps the title clearly larger, or is needed.
  let chosen: { size: number; blocks: Block[] } | null = null
  for (const level of WRAP_LEVELS) {
    if (chosen && chosen.size >= start * 0.72) break
    const found = search(level)
    if (found && (!chosen || found.size > chosen.size)) chosen = found
  }
  const squeezed = chosen ? null : squeeze(kept, box)
  const blocks = chosen?.blocks ?? squeezed?.blocks ?? []
  // Cut lines by their index in the design (empty lines are not drawn).
  const indexOf = clean.flatMap((l, i) => (l.length > 0 ? [i] : []))
  const cut = (squeezed?.cut ?? []).map((i) => indexOf[i] ?? i)
  const total = blockHeight(blocks)
  let top = box.top + (box.bottom - box.top - total) / 2
  const rows: TextRow[] = []
  blocks.forEach((b, i) => {
    if (i > 0) top += b.size * GAP
    const cap = (fontMetrics(b.weight).capHeight / fontMetrics(b.weight).unitsPerEm) * b.size
    for (const text of b.rows) {
      const lineBox = b.size * LINE_HEIGHT
      rows.push({
        text,
        size: b.size,
        weight: b.weight,
        y: top + lineBox / 2 + cap / 2,
        width: measureText(text, b.weight, b.size)
      })
      top += lineBox
    }
  })
  return { rows, cut }
}

/** The rows of fitTextDetailed. */
export function fitText(lines: readonly string[], box: TextBox, hint?: number): TextRow[] {
  return fitTextDetailed(lines, box, hint).rows
}
