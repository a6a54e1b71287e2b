/**
 * Text on a certificate: single lines that shrink to fit their box (names, badge
 * names) and wrapped paragraphs that shrink, then clamp with an ellipsis
 * (descriptions). Text is drawn as text in subset fonts, so it stays searchable.
 */
import { fontBytes, splitRuns, visualRuns, type FontFace, type TextRun, type Weight } from './fonts.js'

type Doc = PDFKit.PDFDocument

const registered = new WeakMap<Doc, Set<FontFace>>()

/** Selects a face on the document, registering it on first use (one embed per document). */
export function useFace(doc: Doc, face: FontFace): Doc {
  let faces = registered.get(doc)
  if (!faces) {
    faces = new Set()
    registered.set(doc, faces)
  }
  if (!faces.has(face)) {
    doc.registerFont(face, fontBytes(face))
    faces.add(face)
  }
  return doc.font(face)
}

export type LineStyle = Readonly<{
  weight: Weight
  size: number
  minSize: number
  color: string
  characterSpacing?: number
}>

export type Align = 'left' | 'center' | 'right'

function runsWidth(doc: Doc, runs: readonly TextRun[], size: number, spacing: number): number {
  let width = 0
  for (const run of runs) {
    useFace(doc, run.face).fontSize(size)
    width += doc.widthOfString(run.text, { characterSpacing: spacing })
  }
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
  let size = Math.max(style.minSize, Math.floor(style.size * (width / natural) * 10) / 10)
  let measured = runsWidth(doc, runs, size, spacing)
  while (measured > width && size > style.minSize) {
    size = Math.max(style.minSize, size - 0.5)
    measured = runsWidth(doc, runs, size, spacing)
  }
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
  let x = align === 'left' ? box.x : align === 'right' ? box.x + box.width - fit.width : box.x + (box.width - fit.width) / 2
  doc.fillColor(style.color)
  for (const run of fit.runs) {
    useFace(doc, run.face).fontSize(fit.size)
    const options = {
      lineBreak: false as const,
      baseline: 'alphabetic' as const,
      characterSpacing: style.characterSpacing ?? 0,
      horizontalScaling: fit.scale
    }
    if (run.rtl) {
      x = drawRtlRun(doc, run.text, x, box.baseline, options)
    } else {
      doc.text(run.text, x, box.baseline, options)
      x += (doc.widthOfString(run.text, options) * fit.scale) / 100
    }
  }
  return fit.size
}

/**
 * A right-to-left run: words in visual order (last word leftmost), each shaped by
 * fontkit (which joins Arabic letters and returns a word's glyphs right to left).
 * ActualText keeps the logical order for copy and search.
 */
function drawRtlRun(
  doc: Doc,
  text: string,
  x: number,
  baseline: number,
  options: Readonly<{ lineBreak: false; baseline: 'alphabetic'; characterSpacing: number; horizontalScaling: number }>
): number {
  const scale = options.horizontalScaling / 100
  const space = doc.widthOfString(' ', options) * scale
  doc.markContent('Span', { actual: text })
  for (const word of text.split(' ').reverse()) {
    if (word) {
      doc.text(word, x, baseline, options)
      x += doc.widthOfString(word, options) * scale
    }
    x += space
  }
  doc.endMarkedContent()
  return x - space
}

export type ParagraphStyle = Readonly<{ weight: Weight; size: number; minSize: number; color: string; lineGap?: number }>

/**
 * A wrapped paragraph inside a box: shrinks to fit; below minSize it is clamped with
 * an ellipsis. Mixed scripts are set run by run (pdfkit's continued text wraps them).
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
  const runs = splitRuns(clean, style.weight)
  const main = runs.reduce((a, b) => (b.text.length > a.text.length ? b : a))
  const lineGap = style.lineGap ?? 2
  let size = style.size
  for (; size > style.minSize; size -= 0.5) {
    useFace(doc, main.face).fontSize(size)
    if (doc.heightOfString(clean, { width: box.width, lineGap }) <= box.height) break
  }
  doc.fillColor(style.color)
  const options = { width: box.width, height: box.height, lineGap, align, ellipsis: '…' }
  runs.forEach((run, i) => {
    useFace(doc, run.face).fontSize(size)
    const continued = i < runs.length - 1
    if (i === 0) doc.text(run.text, box.x, box.y, { ...options, continued })
    else doc.text(run.text, { ...options, continued })
  })
}
