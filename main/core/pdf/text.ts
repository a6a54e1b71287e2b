/**
 * Text on a certificate: single lines that shrink to fit their box (names, badge
 * names) and wrapped paragraphs that shrink, then clamp with an ellipsis
 * (descriptions). Text is drawn as text in subset fonts, so it stays searchable.
 */
import {
  asciiAdvance,
  fontBytes,
  fontFile,
  splitRuns,
  splitsIntoMarks,
  visualRuns,
  type FontFace,
  type TextRun,
  type Weight
} from './fonts.js'
import { exactTextForCurrentFont } from './exact-text.js'

type Doc = PDFKit.PDFDocument

const registered = new WeakMap<Doc, Set<FontFace>>()

/**
 * Selects a face on the document, registering it on first use (one embed per document).
 * The regular Latin face is the document's default font (render.ts opens it by path):
 * it is selected by that path, which pdfkit caches; registering it again under another
 * name would make pdfkit re-parse the font on every selection (same PostScript name).
 */
export function useFace(doc: Doc, face: FontFace): Doc {
  if (face === 'latin') return withExactText(doc.font(fontFile('latin')))
  let faces = registered.get(doc)
  if (!faces) {
    faces = new Set()
    registered.set(doc, faces)
  }
  if (!faces.has(face)) {
    doc.registerFont(face, fontBytes(face))
    faces.add(face)
  }
  return withExactText(doc.font(face))
}

function withExactText(doc: Doc): Doc {
  exactTextForCurrentFont(doc)
  return doc
}

export type LineStyle = Readonly<{
  weight: Weight
  size: number
  minSize: number
  color: string
  characterSpacing?: number
  /** Identifiers (URLs, ids): set without OpenType features, 5× faster to lay out, no visible change. */
  plain?: boolean
}>

export type Align = 'left' | 'center' | 'right'

type DocCache = {
  widths: Map<string, number>
  paragraphs: Map<string, { size: number; lines: string[] }>
}

const caches = new WeakMap<Doc, DocCache>()

function cacheOf(doc: Doc): DocCache {
  let cache = caches.get(doc)
  if (!cache) {
    cache = { widths: new Map(), paragraphs: new Map() }
    caches.set(doc, cache)
  }
  return cache
}

/** A run's advance at 1 pt (no letter spacing), measured once per document. */
function unitWidth(doc: Doc, run: TextRun): number {
  const cache = cacheOf(doc).widths
  const key = `${run.face}\u0000${run.text}`
  let width = cache.get(key)
  if (width === undefined) width = asciiAdvance(run.face, run.text)
  if (width === undefined) {
    useFace(doc, run.face).fontSize(1000)
    width = doc.widthOfString(run.text, featuresFor(run)) / 1000
    cache.set(key, width)
  }
  return width
}

/** pdfkit's width: the advance at `size` plus the spacing after every UTF-16 unit but the last. */
function runWidth(doc: Doc, run: TextRun, size: number, spacing: number): number {
  return unitWidth(doc, run) * size + spacing * Math.max(0, run.text.length - 1)
}

function runsWidth(doc: Doc, runs: readonly TextRun[], size: number, spacing: number): number {
  let width = 0
  for (const run of runs) width += runWidth(doc, run, size, spacing)
  return width
}

/** The size at which a line fits `width`, and the horizontal scale (≤ 100) still needed at minSize. */
export function fitLine(
  doc: Doc,
  text: string,
  width: number,
  style: LineStyle
): { runs: TextRun[]; size: number; scale: number; width: number } {
  const runs = visualRuns(splitRuns(text, style.weight))
  const spacing = style.characterSpacing ?? 0
  const natural = runsWidth(doc, runs, style.size, spacing)
  if (natural <= width) return { runs, size: style.size, scale: 100, width: natural }
  // Width is linear in the size: solve for it, then round down to a tenth of a point.
  const units = runs.reduce((sum, run) => sum + unitWidth(doc, run), 0)
  const gaps = runs.reduce((sum, run) => sum + spacing * Math.max(0, run.text.length - 1), 0)
  const exact = units > 0 ? (width - gaps) / units : style.minSize
  const size = Math.max(style.minSize, Math.min(style.size, Math.floor(exact * 10) / 10))
  const measured = runsWidth(doc, runs, size, spacing)
  const scale = measured > width ? Math.floor((width / measured) * 1000) / 10 : 100
  return { runs, size, scale, width: Math.min(measured, width) }
}

/**
 * Draws one line with its alphabetic baseline at `baseline`, shrinking it (then
 * condensing it) so it never leaves [x, x + width]. Returns the size used.
 */
export function drawLine(
  doc: Doc,
  text: string,
  box: Readonly<{ x: number; baseline: number; width: number }>,
  style: LineStyle,
  align: Align = 'center'
): number {
  const fit = fitLine(doc, text, box.width, style)
  let x =
    align === 'left'
      ? box.x
      : align === 'right'
        ? box.x + box.width - fit.width
        : box.x + (box.width - fit.width) / 2
  doc.fillColor(style.color)
  for (const run of fit.runs) {
    useFace(doc, run.face).fontSize(fit.size)
    const options = {
      lineBreak: false as const,
      baseline: 'alphabetic' as const,
      characterSpacing: style.characterSpacing ?? 0,
      horizontalScaling: fit.scale,
      ...featuresFor(run, style.plain)
    }
    if (run.rtl) {
      x = drawRtlRun(doc, run.text, x, box.baseline, options)
    } else {
      // Letter-spaced text would come out of text extraction as "T I T L E".
      const spaced = (style.characterSpacing ?? 0) > 0
      const width = runWidth(doc, run, fit.size, options.characterSpacing)
      if (spaced) doc.markContent('Span', { actual: run.text })
      // textWidth/wordCount spare pdfkit a second shaping pass just to measure the run.
      const measured = {
        ...options,
        textWidth: width - options.characterSpacing * Math.max(0, run.text.length - 1),
        wordCount: 1
      }
      doc.text(run.text, x, box.baseline, measured)
      if (spaced) doc.endMarkedContent()
      x += (width * fit.scale) / 100
    }
  }
  return fit.size
}

/**
 * Noto Sans's 'ccmp' splits some accented letters (ị, ẹ…) into a base glyph and a mark,
 * and pdfkit's ToUnicode then maps the base glyph back to the plain letter, so copying
 * "Thị" gave "Thi". With 'ccmp' off the precomposed glyphs are used and text copies exactly.
 */
function featuresFor(run: TextRun, plain = false): { features?: PDFKit.Mixins.OpenTypeFeatures[] } {
  if (!run.face.startsWith('latin')) return {}
  const ascii = /^[\x20-\x7e]*$/.test(run.text)
  // Only one-off identifiers (ids with digits): constant lines keep pdfkit's per-word layout cache.
  if (plain && ascii && /\d/.test(run.text)) return { features: NO_FEATURES }
  if (ascii || !splitsIntoMarks(run.face, run.text)) return {}
  return { features: { ccmp: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[] }
}

const NO_FEATURES = Object.fromEntries(
  [
    'ccmp',
    'locl',
    'rlig',
    'mark',
    'mkmk',
    'calt',
    'clig',
    'liga',
    'rclt',
    'curs',
    'kern',
    'rvrn',
    'ltra',
    'ltrm',
    'frac',
    'numr',
    'dnom'
  ].map((f) => [f, false])
) as unknown as PDFKit.Mixins.OpenTypeFeatures[]

/**
 * A right-to-left run: words in visual order (last word leftmost), each shaped by
 * fontkit (which joins Arabic letters and returns a word's glyphs right to left).
 * Text extraction (poppler) reads such a line back in logical order; an ActualText
 * span would make it reverse the letters, so there is none.
 */
function drawRtlRun(
  doc: Doc,
  text: string,
  x: number,
  baseline: number,
  options: Readonly<{
    lineBreak: false
    baseline: 'alphabetic'
    characterSpacing: number
    horizontalScaling: number
  }>
): number {
  const scale = options.horizontalScaling / 100
  const space = doc.widthOfString(' ', options) * scale
  for (const word of text.split(' ').reverse()) {
    if (word) {
      doc.text(word, x, baseline, options)
      x += doc.widthOfString(word, options) * scale
    }
    x += space
  }
  return x - space
}

/**
 * A name or title that should stay large: on one line if it fits at `wrapBelow` of its
 * size or more, otherwise on two balanced lines (split at the space nearest the middle),
 * the last (grow 'up') or the first (grow 'down') sitting on `baseline`. Returns the
 * extra height taken below `baseline` (0 unless it grew down).
 */
export function drawBigLine(
  doc: Doc,
  text: string,
  box: Readonly<{ x: number; baseline: number; width: number }>,
  style: LineStyle,
  align: Align,
  wrapBelow = 0.62,
  grow: 'up' | 'down' = 'up'
): number {
  const clean = text.replace(/\s+/g, ' ').trim()
  const single = fitLine(doc, clean, box.width, style)
  const spaces = [...clean.matchAll(/ /g)].map((m) => m.index)
  if (single.size >= style.size * wrapBelow || spaces.length === 0) {
    drawLine(doc, clean, box, style, align)
    return 0
  }
  const middle = clean.length / 2
  const cut = spaces.reduce((best, i) =>
    Math.abs(i - middle) < Math.abs(best - middle) ? i : best
  )
  const lines = [clean.slice(0, cut), clean.slice(cut + 1)]
  const cap = style.size * wrapBelow
  const size = Math.min(
    cap,
    ...lines.map((line) => fitLine(doc, line, box.width, { ...style, size: cap }).size)
  )
  const lineStyle = { ...style, size, minSize: Math.min(style.minSize, size) }
  const first = grow === 'up' ? box.baseline + size * 0.1 - size * 1.18 : box.baseline
  // Copy and search see one name, not two lines (poppler reverses ActualText of RTL runs, so not for those).
  const whole = !splitRuns(clean, style.weight).some((run) => run.rtl)
  if (whole) doc.markContent('Span', { actual: clean })
  drawLine(doc, lines[0] ?? '', { ...box, baseline: first }, lineStyle, align)
  drawLine(doc, lines[1] ?? '', { ...box, baseline: first + size * 1.18 }, lineStyle, align)
  if (whole) doc.endMarkedContent()
  return grow === 'up' ? 0 : size * 1.18
}

export type ParagraphStyle = Readonly<{
  weight: Weight
  size: number
  minSize: number
  color: string
  lineGap?: number
  plain?: boolean
}>

const CJK_FACES: ReadonlySet<FontFace> = new Set(['sc', 'jp', 'kr'])
const LINE_HEIGHT = 1.32
const ASCENT = 0.98

/**
 * Break opportunities: spaces, after every CJK character, and — inside a word too long
 * for the box, like a URL — after / . - _ and finally anywhere.
 */
function tokens(doc: Doc, text: string, weight: Weight, width: number, size: number): TextRun[] {
  const out: TextRun[] = []
  for (const run of splitRuns(text, weight)) {
    const parts = CJK_FACES.has(run.face) ? run.text.match(/\s+|\S/gu) : run.text.match(/\s+|\S+/gu)
    for (const part of parts ?? []) {
      const token = { ...run, text: part }
      if (/\s/.test(part) || runWidth(doc, token, size, 0) <= width) {
        out.push(token)
        continue
      }
      for (const piece of part.match(/[^/._-]*[/._-]+|[^/._-]+/g) ?? [part]) {
        const pieceToken = { ...run, text: piece }
        if (runWidth(doc, pieceToken, size, 0) <= width) out.push(pieceToken)
        else for (const ch of piece) out.push({ ...run, text: ch })
      }
    }
  }
  return out
}

/** Greedy line filling; spaces at line ends are dropped. */
function wrap(doc: Doc, toks: readonly TextRun[], width: number, size: number): string[] {
  const lines: string[] = []
  let line = ''
  let lineWidth = 0
  let pendingSpace: TextRun | undefined
  for (const token of toks) {
    if (/^\s+$/.test(token.text)) {
      if (line) pendingSpace = { ...token, text: ' ' }
      continue
    }
    const spaceWidth = pendingSpace ? runWidth(doc, pendingSpace, size, 0) : 0
    const w = runWidth(doc, token, size, 0)
    if (line && lineWidth + spaceWidth + w > width) {
      lines.push(line)
      line = token.text
      lineWidth = w
    } else {
      line += (pendingSpace ? ' ' : '') + token.text
      lineWidth += spaceWidth + w
    }
    pendingSpace = undefined
  }
  if (line) lines.push(line)
  return lines
}

function layoutParagraph(
  doc: Doc,
  text: string,
  box: Readonly<{ width: number; height: number }>,
  style: ParagraphStyle
): { size: number; lines: string[] } {
  const lineGap = style.lineGap ?? 2
  let size = style.size
  for (;;) {
    const lines = wrap(doc, tokens(doc, text, style.weight, box.width, size), box.width, size)
    const maxLines = Math.max(
      1,
      Math.floor(
        (box.height - size * ASCENT + size * LINE_HEIGHT + lineGap) / (size * LINE_HEIGHT + lineGap)
      )
    )
    if (lines.length <= maxLines) return { size, lines }
    if (size - 0.5 < style.minSize) {
      const kept = lines.slice(0, maxLines)
      kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''}…`
      return { size, lines: kept }
    }
    size -= 0.5
  }
}

/**
 * A wrapped paragraph inside a box: shrinks to fit; at minSize, lines that do not fit
 * are dropped and the last kept line ends with an ellipsis. Each line is a drawLine
 * (so mixed scripts and over-long lines are handled the same way as single lines).
 */
export function drawParagraph(
  doc: Doc,
  text: string,
  box: Readonly<{ x: number; y: number; width: number; height: number }>,
  style: ParagraphStyle,
  align: Align = 'center'
): void {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (!clean) return
  const lineGap = style.lineGap ?? 2
  const layouts = cacheOf(doc).paragraphs
  const key = [style.weight, style.size, style.minSize, lineGap, box.width, box.height, clean].join(
    '\u0000'
  )
  let layout = layouts.get(key)
  if (!layout) {
    layout = layoutParagraph(doc, clean, box, style)
    layouts.set(key, layout)
  }
  const { size, lines } = layout
  lines.forEach((line, i) => {
    const baseline = box.y + size * ASCENT + i * (size * LINE_HEIGHT + lineGap)
    const lineStyle = {
      weight: style.weight,
      size,
      minSize: size * 0.8,
      color: style.color,
      ...(style.plain ? { plain: true } : {})
    }
    drawLine(doc, line, { x: box.x, baseline, width: box.width }, lineStyle, align)
  })
}
