/**
 * Certificate fonts and font fallback by script. Every run of text is set in a face
 * that has a glyph for each of its characters (fontkit's cmap), so no name ever shows
 * as boxes: Noto Sans for Latin/Greek/Cyrillic, Noto Sans SC/JP/KR for Han, kana and
 * Hangul, Noto Sans Arabic/Hebrew for right-to-left scripts. pdfkit subsets each face
 * it embeds, so a document carries only the glyphs it uses.
 */
import { readFileSync } from 'node:fs'
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

const marksCache = new Map<string, boolean>()

/**
 * Whether the face's default shaping ('ccmp') turns a character of the text into a base
 * glyph plus a mark glyph that carries no character (then copy/paste would lose the accent).
 */
export function splitsIntoMarks(face: FontFace, text: string): boolean {
  const key = `${face}\u0000${text}`
  let result = marksCache.get(key)
  if (result === undefined) {
    result = coverage(face).layout(text).glyphs.some((glyph) => glyph.codePoints.length === 0)
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

/**
 * Runs of one line in visual (left-to-right drawing) order: a line whose first strong
 * character is right-to-left is laid out from the right, so its runs are reversed.
 * Inside an RTL run fontkit shapes the letters and returns the glyphs in visual order.
 */
export function visualRuns(runs: readonly TextRun[]): TextRun[] {
  const firstStrong = runs.find((run) => /[\p{L}]/u.test(run.text))
  return firstStrong?.rtl ? [...runs].reverse() : [...runs]
}
