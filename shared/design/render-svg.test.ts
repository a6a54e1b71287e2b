import { describe, expect, it } from 'vitest'
import {
  badgeDesignSchema,
  BADGE_TEMPLATES,
  defaultDesign,
  type BadgeDesign
} from './design-schema.js'
import { designTextLayout, renderDesignSvg } from './render-svg.js'
import { BUILTIN_ICON_NAMES } from './builtin-icons.js'
import { measureText, SUB_MIN } from './text-fit.js'

const design = (over: Partial<BadgeDesign>): BadgeDesign => ({
  ...defaultDesign('Speaker'),
  ...over
})

describe('badge design', () => {
  it('renders the same SVG for the same design, and a different one when it changes', () => {
    const d = design({ lines: ['Conference Speaker', 'Example Association', '2025'] })
    expect(renderDesignSvg(d)).toBe(renderDesignSvg(structuredClone(d)))
    expect(renderDesignSvg({ ...d, template: 'shield' })).not.toBe(renderDesignSvg(d))
    expect(renderDesignSvg(d)).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="600" height="600" viewBox="0 0 600 600">/
    )
  })

  it('fits a 60-character name inside the text area of every template, with and without an icon', () => {
    const name = 'The International Association of Example Professionals Award'.slice(0, 60)
    expect(name).toHaveLength(60)
    const names = [name, 'W'.repeat(60), `${name} ${name}`.slice(0, 80)]
    for (const template of BADGE_TEMPLATES) {
      for (const icon of [{ kind: 'none' } as const, { kind: 'builtin', name: 'award' } as const]) {
        for (const title of names) {
          const d = design({
            template,
            icon,
            lines: [title, 'Example Association of Professionals', 'Valid 2025–2026']
          })
          const { rows, box } = designTextLayout(d)
          expect(rows.length).toBeGreaterThanOrEqual(1)
          for (const row of rows) {
            expect(measureText(row.text, row.weight, row.size)).toBeLessThanOrEqual(box.width)
            expect(row.y - row.size * 0.8).toBeGreaterThanOrEqual(box.top - 0.01)
            expect(row.y).toBeLessThanOrEqual(box.bottom)
          }
        }
      }
    }
  })

  it('wraps a long title into rows rather than shrinking it to a whisper', () => {
    const { rows } = designTextLayout(
      design({ template: 'circle', lines: ['Certified Professional in Association Management'] })
    )
    expect(rows.length).toBeGreaterThanOrEqual(2)
    for (const row of rows) expect(row.size).toBeGreaterThanOrEqual(30)
  })

  it('keeps lines 2 and 3 legible: never below 26 units (11 px in the preview), wrapped instead', () => {
    const fits = [
      ['NOSS 2026 · Lisbon', 'Valid until December 2027'],
      ['Спикер конференции', '演讲者 2026 年度大会'],
      ['متحدث في المؤتمر', 'דובר בכנס השנתי']
    ]
    const long = ['Example Association of Professionals', '12 CE credits, Continuing Education']
    for (const template of BADGE_TEMPLATES) {
      for (const icon of [{ kind: 'none' } as const, { kind: 'builtin', name: 'award' } as const]) {
        for (const [two, three] of [...fits, long]) {
          const d = design({
            template,
            icon,
            lines: ['Conference Speaker', two ?? '', three ?? '']
          })
          const { rows, cut } = designTextLayout(d)
          for (const row of rows) expect(row.size).toBeGreaterThanOrEqual(SUB_MIN)
          const shown = rows
            .filter((r) => r.weight === 'semibold')
            .map((r) => r.text)
            .join(' ')
          if (cut.length === 0) expect(shown).toBe(`${two} ${three}`)
          else expect(shown).not.toBe(`${two} ${three}`)
          // Everyday lines fit every shape, with or without an icon.
          if (two !== long[0]) expect(cut, `${template} ${icon.kind} ${two}`).toEqual([])
        }
      }
    }
  })

  it('says which line it had to cut when text is too long for the shape', () => {
    const long = 'An exceptionally long second line that no badge shape can hold in full at all'
    const { rows, cut } = designTextLayout(
      design({ template: 'ribbon', lines: ['Conference Speaker', long, 'Third line'] })
    )
    expect(cut).toContain(1)
    expect(rows.some((r) => r.text.endsWith('…'))).toBe(true)
    for (const row of rows) expect(row.size).toBeGreaterThanOrEqual(SUB_MIN)
  })

  it('escapes text and never lets it become markup', () => {
    const svg = renderDesignSvg(design({ lines: ['<script>alert(1)</script> & "x"'] }))
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;')
  })

  it('draws built-in icons and embeds only PNG/JPEG data URIs for uploaded icons', () => {
    for (const name of BUILTIN_ICON_NAMES) {
      expect(renderDesignSvg(design({ icon: { kind: 'builtin', name } }))).toContain(
        '<g transform='
      )
    }
    const upload = design({ icon: { kind: 'upload', sha256: 'a'.repeat(64) } })
    expect(
      renderDesignSvg(upload, { uploadedIconDataUri: 'data:image/png;base64,AAAA' })
    ).toContain('href="data:image/png;base64,AAAA"')
    expect(renderDesignSvg(upload, { uploadedIconDataUri: 'javascript:alert(1)' })).not.toContain(
      'javascript'
    )
  })

  it('validates colours, icon names and the number of lines', () => {
    const good = defaultDesign('A')
    expect(badgeDesignSchema.safeParse(good).success).toBe(true)
    expect(
      badgeDesignSchema.safeParse({ ...good, colours: { ...good.colours, text: 'red' } }).success
    ).toBe(false)
    expect(
      badgeDesignSchema.safeParse({ ...good, icon: { kind: 'builtin', name: 'skull' } }).success
    ).toBe(false)
    expect(badgeDesignSchema.safeParse({ ...good, lines: ['a', 'b', 'c', 'd'] }).success).toBe(
      false
    )
    expect(badgeDesignSchema.safeParse({ ...good, template: 'star' }).success).toBe(false)
  })
})
