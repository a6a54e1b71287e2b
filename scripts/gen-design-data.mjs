// Generates the data the badge designer needs in the browser and in Node alike:
//   shared/design/font-metrics.ts  advance widths of the shipped badge fonts (resources/fonts/,
//                                  Noto fallbacks for Arabic, Hebrew and CJK from resources/fonts/certificate)
//   shared/design/builtin-icons.ts a small set of Lucide icons (ISC licence) as SVG inner markup
// Run after changing the fonts or the icon list: `node scripts/gen-design-data.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'
import * as fontkit from 'fontkit'

const FONTS = [
  ['bold', 'resources/fonts/Inter-Bold.ttf'],
  ['semibold', 'resources/fonts/Inter-SemiBold.ttf']
]
// Latin (with Extended-A/B, combining marks and Extended Additional for Vietnamese), Greek,
// Cyrillic, general punctuation, currency signs.
const RANGES = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x300, 0x36f],
  [0x370, 0x3ff],
  [0x400, 0x52f],
  [0x1e00, 0x1eff],
  [0x2010, 0x2027],
  [0x2030, 0x203a],
  [0x20a0, 0x20bf]
]

function advanceRanges(font, ranges) {
  return ranges.map(([from, to]) => {
    const widths = []
    for (let cp = from; cp <= to; cp++) {
      widths.push(font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).advanceWidth : -1)
    }
    return [from, widths]
  })
}

const fonts = {}
for (const [key, file] of FONTS) {
  const font = fontkit.openSync(file)
  fonts[key] = {
    family: font.familyName,
    unitsPerEm: font.unitsPerEm,
    ascent: font.ascent,
    descent: font.descent,
    capHeight: font.capHeight,
    fallbackAdvance: font.glyphForCodePoint(0x4d).advanceWidth, // 'M': wide, so unknown glyphs never overflow
    ranges: advanceRanges(font, RANGES)
  }
}

// Fallback faces for other scripts (resources/fonts/certificate, also used by certificates).
// Arabic: each letter's advance in its four joining forms, measured by shaping it between
// zero-width joiners, and its joining type (D: joins both sides, R: only to the letter before,
// U: none, T: a mark, transparent); the shared code picks the form from the neighbours.
const CERT = 'resources/fonts/certificate/'
const ZWJ = '\u200d'
const arabicFont = fontkit.openSync(CERT + 'NotoSansArabic-Bold.ttf')
const arabicLetters = []
for (const [from, to] of [
  [0x600, 0x6ff],
  [0x750, 0x77f]
]) {
  for (let cp = from; cp <= to; cp++) {
    if (!arabicFont.hasGlyphForCodePoint(cp)) continue
    const ch = String.fromCodePoint(cp)
    const alone = arabicFont.glyphForCodePoint(cp)
    const mark = /\p{M}/u.test(ch)
    if (mark) {
      arabicLetters.push([cp, 'T', 0, 0, 0, 0])
      continue
    }
    // fontkit cannot shape a few signs on their own (a missing anchor): they take their glyph.
    const shaped = (text) => {
      try {
        return arabicFont.layout(text)
      } catch {
        return { advanceWidth: alone.advanceWidth, glyphs: [alone] }
      }
    }
    // The glyphs drawn for the letter (the joiners' own glyphs left out).
    const zwj = arabicFont.layout(ZWJ).glyphs[0]?.id
    const glyphOf = (text) =>
      shaped(text)
        .glyphs.map((g) => g.id)
        .filter((id) => id !== zwj)
        .join(' ')
    const isol = shaped(ch)
    const width = (text) => shaped(text).advanceWidth
    const joinsAfter = glyphOf(ch + ZWJ) !== glyphOf(ch)
    const joinsBefore = glyphOf(ZWJ + ch) !== glyphOf(ch)
    const type = joinsAfter && joinsBefore ? 'D' : joinsBefore ? 'R' : 'U'
    arabicLetters.push([
      cp,
      type,
      isol.advanceWidth,
      joinsAfter ? width(ch + ZWJ) : isol.advanceWidth,
      joinsAfter && joinsBefore ? width(ZWJ + ch + ZWJ) : isol.advanceWidth,
      joinsBefore ? width(ZWJ + ch) : isol.advanceWidth
    ])
  }
}
const arabic = {
  family: arabicFont.familyName,
  unitsPerEm: arabicFont.unitsPerEm,
  letters: arabicLetters
}
const hebrewFont = fontkit.openSync(CERT + 'NotoSansHebrew-Bold.ttf')
const hebrew = {
  family: hebrewFont.familyName,
  unitsPerEm: hebrewFont.unitsPerEm,
  ranges: advanceRanges(hebrewFont, [
    [0x590, 0x5ff],
    [0xfb1d, 0xfb4f]
  ])
}
// CJK: Noto Sans SC/JP/KR set every ideograph, kana, Hangul syllable and full-width sign one em
// wide (checked here); measuring is then a rule, and no CJK font or table reaches the renderer.
const CJK_RANGES = [
  [0x2e80, 0x2fdf],
  [0x3000, 0x30ff],
  [0x3100, 0x31ff],
  [0x3200, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7af],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef]
]
for (const file of ['NotoSansSC-Regular.ttf', 'NotoSansJP-Regular.ttf', 'NotoSansKR-Regular.ttf']) {
  const font = fontkit.openSync(CERT + file)
  for (const [from, to] of CJK_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      if (!font.hasGlyphForCodePoint(cp)) continue
      const w = font.glyphForCodePoint(cp).advanceWidth
      if (w > font.unitsPerEm) throw new Error(`${file}: U+${cp.toString(16)} is wider than one em`)
    }
  }
}
const cjk = { advanceEm: 1, ranges: CJK_RANGES }

writeFileSync(
  'shared/design/font-metrics.ts',
  `/* Generated by scripts/gen-design-data.mjs from resources/fonts/ (Inter and Noto, SIL OFL 1.1). Do not edit. */
export type FontMetrics = Readonly<{
  family: string
  unitsPerEm: number
  ascent: number
  descent: number
  capHeight: number
  fallbackAdvance: number
  /** [first code point, advance widths in font units (-1: no glyph)] */
  ranges: ReadonlyArray<readonly [number, readonly number[]]>
}>

/** Arabic letters: [code point, joining type, isolated, initial, medial, final advance]. */
export type ArabicMetrics = Readonly<{
  family: string
  unitsPerEm: number
  letters: ReadonlyArray<
    readonly [number, 'D' | 'R' | 'U' | 'T', number, number, number, number]
  >
}>

export type SimpleMetrics = Readonly<{
  family: string
  unitsPerEm: number
  ranges: ReadonlyArray<readonly [number, readonly number[]]>
}>

/** Code point ranges [from, to] whose every glyph is at most \`advanceEm\` wide. */
export type UniformMetrics = Readonly<{
  advanceEm: number
  ranges: ReadonlyArray<readonly [number, number]>
}>

export const FONT_METRICS: Readonly<Record<'bold' | 'semibold', FontMetrics>> = ${JSON.stringify(fonts)}

export const ARABIC_METRICS: ArabicMetrics = ${JSON.stringify(arabic)}

export const HEBREW_METRICS: SimpleMetrics = ${JSON.stringify(hebrew)}

export const CJK_METRICS: UniformMetrics = ${JSON.stringify(cjk)}
`
)

const ICONS = [
  ['award', 'Award'],
  ['medal', 'Medal'],
  ['trophy', 'Trophy'],
  ['star', 'Star'],
  ['badge-check', 'Badge check'],
  ['shield-check', 'Shield check'],
  ['graduation-cap', 'Graduation cap'],
  ['book-open', 'Book'],
  ['lightbulb', 'Light bulb'],
  ['presentation', 'Presentation'],
  ['mic', 'Microphone'],
  ['laptop', 'Laptop'],
  ['users', 'People'],
  ['heart-handshake', 'Handshake'],
  ['globe', 'Globe'],
  ['rocket', 'Rocket'],
  ['leaf', 'Leaf'],
  ['wrench', 'Wrench']
]
const icons = {}
for (const [name] of ICONS) {
  const svg = readFileSync(`node_modules/lucide-static/icons/${name}.svg`, 'utf8')
  const inner = svg
    .slice(svg.indexOf('>', svg.indexOf('<svg')) + 1, svg.lastIndexOf('</svg>'))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('')
  if (/<(?!path|circle|rect|line|polyline|polygon|ellipse|\/)/.test(inner)) {
    throw new Error(`icon ${name} uses an element the badge renderer does not expect`)
  }
  icons[name] = inner
}
const version = JSON.parse(readFileSync('node_modules/lucide-static/package.json', 'utf8')).version
writeFileSync(
  'shared/design/builtin-icons.ts',
  `/* Generated by scripts/gen-design-data.mjs from lucide-static ${version} (ISC licence, https://lucide.dev). Do not edit. */

/** Names of the built-in badge icons, in the order the designer shows them. */
export const BUILTIN_ICON_NAMES = ${JSON.stringify(ICONS.map(([n]) => n))} as const

export type BuiltinIconName = (typeof BUILTIN_ICON_NAMES)[number]

/** Labels for the designer's icon picker. */
export const BUILTIN_ICON_LABELS: Readonly<Record<BuiltinIconName, string>> = ${JSON.stringify(Object.fromEntries(ICONS))}

/** Inner markup of each icon: a 24×24 stroked drawing (stroke="currentColor", no fill). */
export const BUILTIN_ICONS: Readonly<Record<BuiltinIconName, string>> = ${JSON.stringify(icons, null, 2)}
`
)
console.log('wrote shared/design/font-metrics.ts and shared/design/builtin-icons.ts')
