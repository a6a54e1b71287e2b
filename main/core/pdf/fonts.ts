/**
 * Certificate fonts and font fallback by script. Every run of text is set in a face
 * that has a glyph for each of its characters (fontkit's cmap), so no name ever shows
 * as boxes: Noto Sans for Latin/Greek/Cyrillic, Noto Sans SC/JP/KR for Han, kana and
 * Hangul, Noto Sans Arabic/Hebrew for right-to-left scripts. pdfkit subsets each face
 * it embeds, so a document carries only the glyphs it uses.
 */
import { readFileSync } from 'node:fs'
import bidiModule from 'bidi-js'
import * as fontkit from 'fontkit'
import { resourcePath } from '../resources.js'

export type FontFace =
  | 'latin'
  | 'latinBold'
  | 'latinItalic'
  | 'sc'
  | 'jp'
  | 'kr'
  | 'arabic'
  | 'arabicBold'
  | 'hebrew'
  | 'hebrewBold'

export type Weight = 'regular' | 'bold' | 'italic'

export type TextRun = Readonly<{ text: string; face: FontFace; rtl: boolean }>

const FILES: Readonly<Record<FontFace, string>> = {
  latin: 'NotoSans-Regular.ttf',
  latinBold: 'NotoSans-Bold.ttf',
  latinItalic: 'NotoSans-Italic.ttf',
  sc: 'NotoSansSC-Regular.ttf',
  jp: 'NotoSansJP-Regular.ttf',
  kr: 'NotoSansKR-Regular.ttf',
  arabic: 'NotoSansArabic-Regular.ttf',
  arabicBold: 'NotoSansArabic-Bold.ttf',
  hebrew: 'NotoSansHebrew-Regular.ttf',
  hebrewBold: 'NotoSansHebrew-Bold.ttf'
}

export const FONT_FACES = Object.keys(FILES) as FontFace[]

const bytesCache = new Map<FontFace, Buffer>()
const coverageCache = new Map<FontFace, fontkit.Font>()

export function fontFile(face: FontFace): string {
  return resourcePath('fonts', 'certificate', FILES[face])
}

/** The face's bytes, read once per process (pdfkit parses them once per document). */
export function fontBytes(face: FontFace): Buffer {
  let bytes = bytesCache.get(face)
  if (!bytes) {
    bytes = readFileSync(fontFile(face))
    bytesCache.set(face, bytes)
  }
  return bytes
}

function coverage(face: FontFace): fontkit.Font {
  let font = coverageCache.get(face)
  if (!font) {
    const opened = fontkit.create(fontBytes(face))
    if (!('hasGlyphForCodePoint' in opened)) throw new Error(`${FILES[face]} is a font collection`)
    font = opened
    coverageCache.set(face, font)
  }
  return font
}

export function hasGlyph(face: FontFace, codePoint: number): boolean {
  return coverage(face).hasGlyphForCodePoint(codePoint)
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]/u
const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u
const HEBREW = /[\u0590-\u05ff\ufb1d-\ufb4f]/u
const NEUTRAL = /[\s\p{P}\p{Zs}\p{M}0-9]/u

/** Han characters are drawn in Japanese forms next to kana, Korean next to Hangul, else Chinese. */
function cjkFace(context: string): FontFace {
  if (HANGUL.test(context)) return 'kr'
  if (KANA.test(context)) return 'jp'
  return 'sc'
}

function latinFace(weight: Weight): FontFace {
  return weight === 'bold' ? 'latinBold' : weight === 'italic' ? 'latinItalic' : 'latin'
}

function faceFor(char: string, context: string, weight: Weight): FontFace {
  const cp = char.codePointAt(0) ?? 0
  if (ARABIC.test(char)) return weight === 'bold' ? 'arabicBold' : 'arabic'
  if (HEBREW.test(char)) return weight === 'bold' ? 'hebrewBold' : 'hebrew'
  const latin = latinFace(weight)
  if (hasGlyph(latin, cp)) return latin
  const cjk = cjkFace(context)
  const order: FontFace[] = [cjk, 'sc', 'jp', 'kr', 'arabic', 'hebrew']
  return order.find((face) => hasGlyph(face, cp)) ?? latin
}

const advances = new Map<FontFace, Map<number, number>>()

/**
 * The advance of printable-ASCII text at 1 pt from the glyphs' advance widths (no
 * kerning: within 1–2 % of the shaped width; used for fitting, never for glyph placement).
 */
export function asciiAdvance(face: FontFace, text: string): number | undefined {
  if (!/^[\x20-\x7e]*$/.test(text)) return undefined
  let table = advances.get(face)
  if (!table) {
    table = new Map()
    advances.set(face, table)
  }
  const font = coverage(face)
  let sum = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    let advance = table.get(code)
    if (advance === undefined) {
      advance = font.glyphForCodePoint(code).advanceWidth / font.unitsPerEm
      table.set(code, advance)
    }
    sum += advance
  }
  return sum
}

const marksCache = new Map<string, boolean>()

/**
 * Whether the face's default shaping ('ccmp') turns a character of the text into a base
 * glyph plus a mark glyph that carries no character (then copy/paste would lose the accent).
 */
export function splitsIntoMarks(face: FontFace, text: string): boolean {
  const key = `${face}\u0000${text}`
  let result = marksCache.get(key)
  if (result === undefined) {
    result = coverage(face)
      .layout(text)
      .glyphs.some((glyph) => glyph.codePoints.length === 0)
    if (marksCache.size > 10_000) marksCache.clear()
    marksCache.set(key, result)
  }
  return result
}

export function isRtlFace(face: FontFace): boolean {
  return face === 'arabic' || face === 'arabicBold' || face === 'hebrew' || face === 'hebrewBold'
}

/**
 * Splits text into runs that one face covers entirely, in logical order. Neutral
 * characters (spaces, punctuation, digits, combining marks) stay with the run they
 * are in when that face has them, so "山田 太郎" is one run.
 */
const runsCache = new Map<string, TextRun[]>()

export function splitRuns(input: string, weight: Weight): TextRun[] {
  const key = `${weight}\u0000${input}`
  const cached = runsCache.get(key)
  if (cached) return cached
  const runs = computeRuns(input, weight)
  if (runsCache.size > 10_000) runsCache.clear()
  runsCache.set(key, runs)
  return runs
}

function computeRuns(input: string, weight: Weight): TextRun[] {
  const text = input.normalize('NFC')
  const runs: { text: string; face: FontFace }[] = []
  for (const char of text) {
    const last = runs[runs.length - 1]
    const cp = char.codePointAt(0) ?? 0
    if (last && NEUTRAL.test(char) && hasGlyph(last.face, cp)) {
      last.text += char
      continue
    }
    const face = faceFor(char, text, weight)
    if (last && last.face === face) last.text += char
    else runs.push({ text: char, face })
  }
  return runs.map((run) => ({ ...run, rtl: isRtlFace(run.face) }))
}

// bidi-js is UMD: Node's ESM loader hands over the factory itself, its typings describe `.default`.
type BidiFactory = typeof bidiModule.default
const bidiFactory: BidiFactory =
  typeof bidiModule === 'function' ? (bidiModule as unknown as BidiFactory) : bidiModule.default
const bidi = bidiFactory()

/**
 * The runs of one line in visual (left-to-right drawing) order, by the Unicode bidi
 * algorithm (bidi-js embedding levels, then rule L2 applied to words): right-to-left words
 * come out as single-word runs, which fontkit shapes (joining Arabic letters) and returns
 * glyph by glyph right to left. Left-to-right text stays in runs as it was.
 */
export function visualRuns(runs: readonly TextRun[]): TextRun[] {
  if (!runs.some((run) => run.rtl)) return [...runs]
  const text = runs.map((run) => run.text).join('')
  const { levels } = bidi.getEmbeddingLevels(text)
  const tokens: { run: TextRun; level: number }[] = []
  let offset = 0
  for (const run of runs) {
    // Split at every change of level, and RTL runs also into words.
    let start = 0
    for (let i = 1; i <= run.text.length; i++) {
      const boundary =
        i === run.text.length ||
        levels[offset + i] !== levels[offset + i - 1] ||
        (run.rtl && /\s/.test(run.text[i] ?? '') !== /\s/.test(run.text[i - 1] ?? ''))
      if (!boundary) continue
      const level = levels[offset + start] ?? 0
      let part = run.text.slice(start, i)
      // Brackets in right-to-left text are drawn mirrored (rule L4).
      if (level % 2) part = [...part].map((ch) => bidi.getMirroredCharacter(ch) ?? ch).join('')
      // Right-to-left neutrals (spaces, punctuation) are reordered one by one; letters
      // stay together as words for fontkit to shape.
      const pieces = level % 2 && !/\p{L}/u.test(part) ? [...part] : [part]
      for (const piece of pieces) tokens.push({ run: { ...run, text: piece }, level })
      start = i
    }
    offset += run.text.length
  }
  const max = Math.max(...tokens.map((t) => t.level))
  const lowestOdd = Math.min(...tokens.map((t) => (t.level % 2 ? t.level : t.level + 1)))
  for (let level = max; level >= lowestOdd; level--) {
    let i = 0
    while (i < tokens.length) {
      if ((tokens[i]?.level ?? 0) < level) {
        i++
        continue
      }
      let j = i
      while (j < tokens.length && (tokens[j]?.level ?? 0) >= level) j++
      const reversed = tokens.slice(i, j).reverse()
      tokens.splice(i, j - i, ...reversed)
      i = j
    }
  }
  return tokens.map((t) => t.run)
}
