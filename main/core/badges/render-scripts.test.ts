/**
 * Badges in every script: Cyrillic, Greek, CJK, Arabic and Hebrew titles are drawn with real
 * glyphs (not boxes), Arabic letters join, right-to-left lines read right to left, the measured
 * width the layout trusts is never narrower than what is drawn, and the design's SVG carries
 * its glyphs as outlines.
 */
import { Resvg } from '@resvg/resvg-js'
import * as fontkit from 'fontkit'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { defaultDesign, type BadgeDesign } from '../../../shared/design/design-schema.js'
import { designTextLayout } from '../../../shared/design/render-svg.js'
import { measureLine, splitRuns, isRightToLeft } from '../../../shared/design/scripts.js'
import { resourcePath } from '../resources.js'
import { renderDesign } from './render-png.js'

const design = (lines: string[]): BadgeDesign => ({
  ...defaultDesign(),
  template: 'circle',
  icon: { kind: 'none' },
  lines
})

type Ink = { columns: number[]; top: number; bottom: number }

/** Where the text is: the pixels that differ from the same badge without text. */
function textInk(lines: string[]): Ink {
  const withText = PNG.sync.read(renderDesign(design(lines)).png)
  const blank = PNG.sync.read(renderDesign(design([])).png)
  const columns: number[] = []
  let top = Infinity
  let bottom = -Infinity
  for (let y = 0; y < withText.height; y++) {
    for (let x = 0; x < withText.width; x++) {
      const i = (y * withText.width + x) * 4
      const d =
        Math.abs((withText.data[i] ?? 0) - (blank.data[i] ?? 0)) +
        Math.abs((withText.data[i + 1] ?? 0) - (blank.data[i + 1] ?? 0)) +
        Math.abs((withText.data[i + 2] ?? 0) - (blank.data[i + 2] ?? 0))
      if (d > 60) {
        columns.push(x)
        top = Math.min(top, y)
        bottom = Math.max(bottom, y)
      }
    }
  }
  return { columns: [...new Set(columns)].sort((a, b) => a - b), top, bottom }
}

/** Runs of inked columns, left to right: [first column, last column]. */
function inkRanges(ink: Ink): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const x of ink.columns) {
    const last = ranges.at(-1)
    if (last && x === last[1] + 1) last[1] = x
    else ranges.push([x, x])
  }
  return ranges
}

const png = (lines: string[]): Buffer => renderDesign(design(lines)).png

describe('badge text in every script', () => {
  it('draws real glyphs: the same letters in another order make another image', () => {
    // Missing glyphs would all be the same box at the same places: identical images.
    for (const [a, b] of [
      ['演讲者', '者讲演'],
      ['講演者さん', 'さん講演者'],
      ['발표자', '자표발'],
      ['ادرزو', 'وزردا'],
      ['דובר', 'רבוד'],
      ['Спикер', 'рекипС'],
      ['Ομιλητής', 'ςήτηλιμΟ']
    ] as const) {
      expect(png([a]).equals(png([b])), `${a} / ${b}`).toBe(false)
    }
  })

  it('joins Arabic letters into one word and sets Hebrew right to left', () => {
    // Three behs shaped are one connected stroke; unshaped, three separate letters.
    expect(inkRanges(textInk(['ببب'])).length).toBe(1)
    // Alef then four vavs: right to left, the wide alef is the rightmost letter.
    const letters = inkRanges(textInk(['אוווו']))
    expect(letters).toHaveLength(5)
    const widths = letters.map(([from, to]) => to - from + 1)
    expect(widths.at(-1)).toBeGreaterThan(2 * (widths[0] ?? 0))
  })

  it('a line measured to fit is never narrower than the line drawn', () => {
    for (const line of [
      'Conference Speaker 2026',
      'Спикер конференции',
      'Ομιλητής συνεδρίου',
      '演讲者 2026',
      'スピーカー',
      '발표자 인증',
      'متحدث في المؤتمر',
      'مرحبا بكم في المؤتمر السنوي',
      'לא דובר בכנס',
      'Ana Müller مرحبا 2026'
    ]) {
      const { rows } = designTextLayout(design([line]))
      const ink = textInk([line])
      const drawn = (ink.columns.at(-1) ?? 0) - (ink.columns[0] ?? 0) + 1
      const measured = rows.reduce((w, r) => Math.max(w, r.width), 0)
      expect(drawn, line).toBeLessThanOrEqual(measured + 1)
    }
  })

  it('measures Arabic as shaped: within a few per cent above the shaped width, never below', () => {
    const font = fontkit.openSync(
      resourcePath('fonts', 'certificate', 'NotoSansArabic-Bold.ttf')
    ) as fontkit.Font
    for (const word of ['متحدث', 'المؤتمر', 'محمد', 'بن', 'علي', 'لا', 'مرحبا', 'شهادة', 'تطوع']) {
      const shaped = font.layout(word).advanceWidth / font.unitsPerEm
      const measured = measureLine(word, 'bold', 1)
      expect(measured, word).toBeGreaterThanOrEqual(shaped)
      expect(measured, word).toBeLessThan(shaped * 1.15)
    }
  })

  it('splits lines into runs of one face and finds their direction', () => {
    expect(splitRuns('Ana 演讲者 2026').map((r) => [r.face, r.text])).toEqual([
      ['latin', 'Ana '],
      ['sc', '演讲者'],
      ['latin', ' 2026']
    ])
    expect(splitRuns('山田さくら')[0]?.face).toBe('jp')
    expect(splitRuns('김민준 金')[2]?.face).toBe('kr')
    expect(isRightToLeft('2026 דובר')).toBe(true)
    expect(isRightToLeft('Ana مرحبا')).toBe(false)
  })

  it('keeps PNG bytes the same for the same design, and the SVG needs no font', () => {
    const lines = ['演讲者', 'متحدث في المؤتمر', 'דובר 2026']
    const first = renderDesign(design(lines))
    const again = renderDesign(structuredClone(design(lines)))
    expect(first.png.equals(again.png)).toBe(true)
    expect(first.svg).not.toContain('<text')
    expect(first.svg).toContain('<path')
    // Drawn as the station draws, but with no font at all: the same picture (the outlines'
    // coordinates are written rounded, so a handful of edge pixels may differ by a shade).
    const bare = new Resvg(first.svg, {
      font: { loadSystemFonts: false, fontFiles: [] },
      imageRendering: 0,
      shapeRendering: 2,
      textRendering: 1
    })
    const a = PNG.sync.read(bare.render().asPng()).data
    const b = PNG.sync.read(first.png).data
    let differing = 0
    let largest = 0
    for (let i = 0; i < a.length; i++) {
      const d = Math.abs((a[i] ?? 0) - (b[i] ?? 0))
      if (d > 0) differing++
      largest = Math.max(largest, d)
    }
    expect(differing).toBeLessThan(50)
    expect(largest).toBeLessThan(40)
  })
})
