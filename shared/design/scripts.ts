/**
 * Badge text in every script: which face draws each character, and how wide a line is, from
 * generated advance tables (font-metrics.ts) alone, so the browser preview and the station lay
 * text out identically without either loading a font. Latin, Greek and Cyrillic are set in
 * Inter; Arabic and Hebrew in Noto Sans Arabic/Hebrew (Bold); Han, kana and Hangul in Noto Sans
 * SC, JP or KR (Japanese forms next to kana, Korean next to Hangul, else Chinese). Spaces,
 * digits and punctuation stay in Inter; combining marks stay with the letter before them.
 */
import {
  ARABIC_METRICS,
  CJK_METRICS,
  FONT_METRICS,
  HEBREW_METRICS,
  type SimpleMetrics
} from './font-metrics.js'

export type Face = 'latin' | 'arabic' | 'hebrew' | 'sc' | 'jp' | 'kr'
export type Weight = 'bold' | 'semibold'

/** The family name each face is loaded under (the station's resvg and the SVG agree on these). */
export const FACE_FAMILY: Readonly<Record<Face, string>> = {
  latin: 'Inter',
  arabic: 'Noto Sans Arabic',
  hebrew: 'Noto Sans Hebrew',
  sc: 'Noto Sans SC',
  jp: 'Noto Sans JP',
  kr: 'Noto Sans KR'
}

export type TextRun = Readonly<{ text: string; face: Face }>

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u
const HEBREW = /[\u0590-\u05ff\ufb1d-\ufb4f]/u
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]/u
const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u
const MARK = /\p{M}/u

function isCjk(cp: number): boolean {
  return CJK_METRICS.ranges.some(([from, to]) => cp >= from && cp <= to) || cp >= 0x20000
}

/** Han is drawn in Japanese forms next to kana, Korean next to Hangul, else Chinese. */
function cjkFace(line: string): Face {
  if (HANGUL.test(line)) return 'kr'
  if (KANA.test(line)) return 'jp'
  return 'sc'
}

function faceOf(ch: string, line: string): Face {
  if (ARABIC.test(ch)) return 'arabic'
  if (HEBREW.test(ch)) return 'hebrew'
  if (isCjk(ch.codePointAt(0) ?? 0)) return cjkFace(line)
  return 'latin'
}

/** The line in runs of one face each, in logical order. */
export function splitRuns(line: string): TextRun[] {
  const runs: { text: string; face: Face }[] = []
  for (const ch of line) {
    const last = runs.at(-1)
    const face = last && MARK.test(ch) ? last.face : faceOf(ch, line)
    if (last && last.face === face) last.text += ch
    else runs.push({ text: ch, face })
  }
  return runs
}

const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u
const LETTER = /\p{L}/u

/** Right to left when the first letter is Arabic or Hebrew (the Unicode paragraph rule P2). */
export function isRightToLeft(line: string): boolean {
  for (const ch of line) {
    if (STRONG_RTL.test(ch)) return true
    if (LETTER.test(ch)) return false
  }
  return false
}

// ---- Widths ----------------------------------------------------------------------------

function tableOf(metrics: Readonly<{ ranges: SimpleMetrics['ranges'] }>): Map<number, number> {
  const table = new Map<number, number>()
  for (const [first, widths] of metrics.ranges) {
    widths.forEach((w, i) => {
      if (w >= 0) table.set(first + i, w)
    })
  }
  return table
}

let latinTables: Map<Weight, Map<number, number>> | undefined
let hebrewTable: Map<number, number> | undefined
let arabicTable: Map<number, (typeof ARABIC_METRICS.letters)[number]> | undefined

function latinAdvances(weight: Weight): Map<number, number> {
  latinTables ??= new Map([
    ['bold', tableOf(FONT_METRICS.bold)],
    ['semibold', tableOf(FONT_METRICS.semibold)]
  ])
  return latinTables.get(weight) ?? new Map()
}

/** Width in em of Latin-face text (no kerning: Inter's kerning only narrows, so an upper bound). */
function latinWidth(text: string, weight: Weight): number {
  const m = FONT_METRICS[weight]
  const table = latinAdvances(weight)
  let units = 0
  for (const ch of text) units += table.get(ch.codePointAt(0) ?? 0) ?? m.fallbackAdvance
  return units / m.unitsPerEm
}

function hebrewWidth(text: string): number {
  hebrewTable ??= tableOf(HEBREW_METRICS)
  let units = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    units += hebrewTable.get(cp) ?? (MARK.test(ch) ? 0 : HEBREW_METRICS.unitsPerEm)
  }
  return units / HEBREW_METRICS.unitsPerEm
}

/**
 * Arabic joins: each letter takes its isolated, initial, medial or final form by whether it
 * joins the letters around it (marks are transparent). Ligatures such as lam-alef can come out a
 * little wider than their two forms, hence the margin.
 */
const ARABIC_MARGIN = 1.04

function arabicWidth(text: string): number {
  arabicTable ??= new Map(ARABIC_METRICS.letters.map((l) => [l[0], l]))
  const table = arabicTable
  const letters = [...text].map((ch) => table.get(ch.codePointAt(0) ?? 0))
  const joinsAfter = (i: number) => {
    const type = letters[i]?.[1]
    return type === 'D'
  }
  const joinsBefore = (i: number) => {
    const type = letters[i]?.[1]
    return type === 'D' || type === 'R'
  }
  const neighbour = (i: number, step: 1 | -1): number => {
    let j = i + step
    while (j >= 0 && j < letters.length && letters[j]?.[1] === 'T') j += step
    return j >= 0 && j < letters.length ? j : -1
  }
  let units = 0
  letters.forEach((letter, i) => {
    if (!letter) {
      units += ARABIC_METRICS.unitsPerEm
      return
    }
    if (letter[1] === 'T') return
    const before = neighbour(i, -1)
    const after = neighbour(i, 1)
    const joinPrev = before >= 0 && joinsAfter(before) && joinsBefore(i)
    const joinNext = after >= 0 && joinsAfter(i) && joinsBefore(after)
    units +=
      joinPrev && joinNext ? letter[4] : joinNext ? letter[3] : joinPrev ? letter[5] : letter[2]
  })
  return (units * ARABIC_MARGIN) / ARABIC_METRICS.unitsPerEm
}

function runWidth(run: TextRun, weight: Weight): number {
  switch (run.face) {
    case 'latin':
      return latinWidth(run.text, weight)
    case 'arabic':
      return arabicWidth(run.text)
    case 'hebrew':
      return hebrewWidth(run.text)
    default:
      // One em a character (generated from the fonts: none is wider).
      return [...run.text].filter((ch) => !MARK.test(ch)).length * CJK_METRICS.advanceEm
  }
}

/** The width of a line at `size`: an upper bound of what the station's renderer draws. */
export function measureLine(text: string, weight: Weight, size: number): number {
  let em = 0
  for (const run of splitRuns(text)) em += runWidth(run, weight)
  return em * size
}
