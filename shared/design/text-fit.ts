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

const MIN_SIZE = 10
const LINE_HEIGHT = 1.18
const GAP = 0.3
const SUB_RATIO = 0.56
/** Room left for rounding and shaping differences. */
const SAFETY = 0.97

type Block = { rows: string[]; size: number; weight: FontWeightKey }

function splitInTwo(text: string, weight: FontWeightKey, size: number): [string, string] | null {
  const words = text.split(' ')
  if (words.length < 2) return null
  let best: [string, string] | null = null
  let bestWidth = Infinity
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ')
    const b = words.slice(i).join(' ')
    const w = Math.max(measureText(a, weight, size), measureText(b, weight, size))
    if (w < bestWidth) {
      bestWidth = w
      best = [a, b]
    }
  }
  return best
}

function layoutAt(
  lines: readonly string[],
  titleSize: number,
  box: TextBox,
  wrap: boolean
): Block[] | null {
  const limit = box.width * SAFETY
  const blocks: Block[] = []
  lines.forEach((line, index) => {
    const weight: FontWeightKey = index === 0 ? 'bold' : 'semibold'
    const size = index === 0 ? titleSize : Math.max(MIN_SIZE, Math.round(titleSize * SUB_RATIO))
    if (measureText(line, weight, size) <= limit) blocks.push({ rows: [line], size, weight })
    else if (wrap) {
      const two = splitInTwo(line, weight, size)
      if (two && two.every((r) => measureText(r, weight, size) <= limit)) {
        blocks.push({ rows: two, size, weight })
      }
    }
  })
  if (blocks.length !== lines.length) return null
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

/** Last resort: the smallest size, each line on one row, cut with an ellipsis; rows that do not fit are dropped. */
function squeeze(lines: readonly string[], box: TextBox): Block[] {
  const limit = box.width * SAFETY
  const blocks: Block[] = []
  for (const [index, line] of lines.entries()) {
    const weight: FontWeightKey = index === 0 ? 'bold' : 'semibold'
    const next = [
      ...blocks,
      { rows: [truncate(line, weight, MIN_SIZE, limit)], size: MIN_SIZE, weight }
    ]
    if (blockHeight(next) > box.bottom - box.top) break
    blocks.push(...next.slice(blocks.length))
  }
  return blocks
}

/**
 * Lays out up to three lines in `box`: the title as large as fits (up to `hint` and the box's
 * maximum), the others at about half its size; a line too long for one row wraps into two at
 * the most balanced space. Every row's width stays within the box and the block within its height.
 */
export function fitText(lines: readonly string[], box: TextBox, hint?: number): TextRow[] {
  const clean = lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l.length > 0)
  if (clean.length === 0) return []
  const start = Math.floor(Math.min(box.maxTitle, hint ?? box.maxTitle))
  const search = (wrap: boolean): { size: number; blocks: Block[] } | null => {
    for (let size = start; size >= MIN_SIZE; size--) {
      const blocks = layoutAt(clean, size, box, wrap)
      if (blocks) return { size, blocks }
    }
    return null
  }
  const single = search(false)
  let chosen = single
  if (!single || single.size < start * 0.72) {
    const wrapped = search(true)
    if (wrapped && (!single || wrapped.size > single.size)) chosen = wrapped
  }
  const blocks = chosen?.blocks ?? squeeze(clean, box)
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
  return rows
}
