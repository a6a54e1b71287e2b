import { describe, expect, it } from 'vitest'
import { achievementTypeSchema } from '../schemas.js'
import { badgeDesignSchema } from './design-schema.js'
import { BADGE_GALLERY } from './gallery.js'
import { designTextLayout } from './render-svg.js'
import { SUB_MIN } from './text-fit.js'

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05)
}

describe('badge gallery', () => {
  it('offers the eight starting points a conference desk needs, each a valid design', () => {
    expect(BADGE_GALLERY.map((g) => g.id)).toEqual([
      'speaker',
      'attendee',
      'volunteer',
      'workshop',
      'ce-credit',
      'certification',
      'excellence',
      'membership'
    ])
    for (const entry of BADGE_GALLERY) {
      expect(badgeDesignSchema.safeParse(entry.design).success, entry.id).toBe(true)
      expect(achievementTypeSchema.safeParse(entry.suggest.achievementType).success).toBe(true)
    }
  })

  it('keeps every design readable: contrast, nothing cut, lines 2 and 3 at a legible size', () => {
    for (const { id, design } of BADGE_GALLERY) {
      expect(contrast(design.colours.text, design.colours.background), id).toBeGreaterThanOrEqual(
        4.5
      )
      const { rows, cut } = designTextLayout(design)
      expect(cut, id).toEqual([])
      expect(rows.map((r) => r.text).join(' ')).toBe(design.lines.join(' '))
      for (const row of rows) expect(row.size).toBeGreaterThanOrEqual(SUB_MIN)
    }
  })
})
