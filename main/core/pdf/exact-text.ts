/**
 * Text extraction that returns exactly the text that was drawn, in every script.
 *
 * A PDF maps each glyph of a font to text once (the ToUnicode CMap). Shaping breaks that
 * one-to-one assumption: Noto Sans Arabic draws ZAIN as REH's glyph plus a dot, BEH/TEH/
 * THEH/NOON/YEH share one dotless body, and so on. pdfkit maps a glyph to the characters it
 * was first drawn for, and fontkit (which caches one Glyph object per glyph id) even reports
 * the first characters for every later use, so "فاطمة الزهراء" came back as "فاطمة الزهزاء".
 *
 * Two small adaptations of the embedded font object, installed once per font per document:
 * 1. fontkit's getGlyph returns, when asked for other characters than the cached glyph
 *    carries, a view of the same glyph naming those characters (outline and metrics shared),
 *    so every glyph of a shaped run carries the characters of its own cluster;
 * 2. pdfkit's encode gives each (glyph, characters) pair its own glyph id in the subset: a
 *    glyph drawn for two different texts is embedded twice (a few hundred bytes), and each
 *    copy maps to its own text. Ligatures (lam-alef) map to all their characters; marks made
 *    by decomposition (the dot of ZAIN) map to none.
 * No ActualText is needed (poppler reverses ActualText in right-to-left lines).
 * pdfkit and fontkit are pinned (package.json); render.test.ts extracts every fixture name.
 */

type Glyph = { id: number; codePoints: number[]; advanceWidth: number }
type FontkitFont = { getGlyph(id: number, codePoints?: number[]): Glyph }
type Layout = { glyphs: Glyph[]; positions: unknown[] }
type EmbeddedFont = {
  font: FontkitFont
  subset: { glyphs: number[]; includeGlyph(id: number): number }
  unicode: number[][]
  widths: number[]
  scale: number
  layout(text: string, features?: unknown, onlyWidth?: boolean): Layout
  encode(text: string, features?: unknown): [string[], unknown[]]
}

const adapted = new WeakSet<object>()

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}

function isEmbeddedFont(v: unknown): v is EmbeddedFont {
  if (!isRecord(v) || !isRecord(v.font) || !isRecord(v.subset)) return false
  return (
    typeof v.font.getGlyph === 'function' &&
    typeof v.subset.includeGlyph === 'function' &&
    Array.isArray(v.subset.glyphs) &&
    Array.isArray(v.unicode) &&
    Array.isArray(v.widths) &&
    typeof v.scale === 'number' &&
    typeof v.layout === 'function' &&
    typeof v.encode === 'function'
  )
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i])
}

function adaptGetGlyph(font: FontkitFont): void {
  const getGlyph = font.getGlyph.bind(font)
  font.getGlyph = (id: number, codePoints: number[] = []): Glyph => {
    const glyph = getGlyph(id, codePoints)
    if (same(glyph.codePoints, codePoints)) return glyph
    // Same outline and metrics (the prototype), the characters of this use.
    return Object.create(glyph, {
      codePoints: { value: codePoints, enumerable: true }
    }) as Glyph
  }
}

function adaptEncode(font: EmbeddedFont): void {
  const ids = new Map<string, number>()
  font.encode = (text, features) => {
    const { glyphs, positions } = font.layout(text, features)
    const encoded: string[] = []
    for (const glyph of glyphs) {
      const key = `${glyph.id}:${glyph.codePoints.join(',')}`
      let gid = ids.get(key)
      if (gid === undefined) {
        gid = font.subset.includeGlyph(glyph.id)
        const mapped = font.unicode[gid]
        if (mapped !== undefined && !same(mapped, glyph.codePoints)) {
          // This glyph already stands for other text: embed a second copy for this text.
          font.subset.glyphs.push(glyph.id)
          gid = font.subset.glyphs.length - 1
        }
        ids.set(key, gid)
        font.unicode[gid] ??= glyph.codePoints
        font.widths[gid] ??= glyph.advanceWidth * font.scale
      }
      encoded.push(gid.toString(16).padStart(4, '0'))
    }
    return [encoded, positions]
  }
}

/** Adapts the document's current font (once): call right after selecting a font. */
export function exactTextForCurrentFont(doc: PDFKit.PDFDocument): void {
  const font = (doc as unknown as { _font?: unknown })._font
  if (!isEmbeddedFont(font) || adapted.has(font)) return
  adapted.add(font)
  adaptGetGlyph(font.font)
  adaptEncode(font)
}
