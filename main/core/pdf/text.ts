/**
 * Text on a certificate: single lines that shrink to fit their box (names, badge
 * names) and wrapped paragraphs that shrink, then clamp with an ellipsis
 * (descriptions). Text is drawn as text in subset fonts, so it stays searchable.
 */
import { fontBytes, fontFile, splitRuns, splitsIntoMarks, visualRuns, type FontFace, type TextRun, type Weight } from './fonts.js'

type Doc = PDFKit.PDFDocument

const registered = new WeakMap<Doc, Set<FontFace>>()

/**
 * Selects a face on the document, registering it on first use (one embed per document).
 * The regular Latin face is the document's default font (render.ts opens it by path):
 * it is selected by that path, which pdfkit caches; registering it again under another
 * name would make pdfkit re-parse the font on every selection (same PostScript name).
 */
export function useFace(doc: Doc, face: FontFace): Doc {
  if (face === 'latin') return doc.font(fontFile('latin'))
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

type DocCache = { widths: Map<string, number>; paragraphSizes: Map<string, number> }

const caches = new WeakMap<Doc, DocCache>()

function cacheOf(doc: Doc): DocCache {
  let cache = caches.get(doc)
  if (!cache) {
    cache = { widths: new Map(), paragraphSizes: new Map() }
    caches.set(doc, cache)
  }
  return cache
}

/** A run's advance at 1 pt (no letter spacing), measured once per document. */
function unitWidth(doc: Doc, run: TextRun): number {
  const cache = cacheOf(doc).widths
  const key = `${run.face}\u0000${run.text}`
  let width = cache.get(key)
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
  let x = align === 'left' ? box.x : align === 'right' ? box.x + box.width - fit.width : box.x + (box.width - fit.width) / 2
  doc.fillColor(style.color)
  for (const run of fit.runs) {
    useFace(doc, run.face).fontSize(fit.size)
    const options = {
      lineBreak: false as const,
      baseline: 'alphabetic' as const,
      characterSpacing: style.characterSpacing ?? 0,
      horizontalScaling: fit.scale,
      ...featuresFor(run)
    }
    if (run.rtl) {
      x = drawRtlRun(doc, run.text, x, box.baseline, options)
    } else {
      // Letter-spaced text would come out of text extraction as "T I T L E".
      const spaced = (style.characterSpacing ?? 0) > 0
      if (spaced) doc.markContent('Span', { actual: run.text })
      doc.text(run.text, x, box.baseline, options)
      if (spaced) doc.endMarkedContent()
      x += (runWidth(doc, run, fit.size, options.characterSpacing) * fit.scale) / 100
    }
  }
  return fit.size
}

/**
 * Noto Sans's 'ccmp' splits some accented letters (ị, ẹ…) into a base glyph and a mark,
 * and pdfkit's ToUnicode then maps the base glyph back to the plain letter, so copying
 * "Thị" gave "Thi". With 'ccmp' off the precomposed glyphs are used and text copies exactly.
 */
function featuresFor(run: TextRun): { features?: PDFKit.Mixins.OpenTypeFeatures[] } {
  if (!run.face.startsWith('latin') || /^[\x20-\x7e]*$/.test(run.text) || !splitsIntoMarks(run.face, run.text)) return {}
  return { features: { ccmp: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[] }
}

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
  options: Readonly<{ lineBreak: false; baseline: 'alphabetic'; characterSpacing: number; horizontalScaling: number }>
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
  const sizes = cacheOf(doc).paragraphSizes
  const key = [style.weight, style.size, style.minSize, lineGap, box.width, box.height, clean].join('\u0000')
  let size = sizes.get(key) ?? style.size
  if (!sizes.has(key)) {
    for (; size > style.minSize; size -= 0.5) {
      useFace(doc, main.face).fontSize(size)
      if (doc.heightOfString(clean, { width: box.width, lineGap, ...featuresFor(main) }) <= box.height) break
    }
    sizes.set(key, size)
  }
  doc.fillColor(style.color)
  const options = { width: box.width, height: box.height, lineGap, align, ellipsis: '…' }
  runs.forEach((run, i) => {
    useFace(doc, run.face).fontSize(size)
    const continued = i < runs.length - 1
    if (i === 0) doc.text(run.text, box.x, box.y, { ...options, ...featuresFor(run), continued })
    else doc.text(run.text, { ...options, ...featuresFor(run), continued })
  })
}
