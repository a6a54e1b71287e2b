import { describe, expect, it } from 'vitest'
import {
  allowedSection,
  initialSection,
  isSectionId,
  sectionForShortcut,
  SECTIONS,
  visibleSections
} from './sections.js'

const alt = (code: string) => ({
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  code
})

describe('sections', () => {
  it('maps Alt+1…9 to the sections in menu order', () => {
    SECTIONS.slice(0, 9).forEach((section, index) => {
      expect(sectionForShortcut(alt(`Digit${index + 1}`))).toBe(section.id)
    })
    // A tenth section (Outbox) has no digit of its own.
    expect(SECTIONS.length).toBeGreaterThan(9)
    expect(sectionForShortcut(alt('Digit0'))).toBeNull()
    expect(sectionForShortcut({ ...alt('Digit2'), ctrlKey: true })).toBeNull()
    expect(sectionForShortcut(alt('KeyA'))).toBeNull()
  })

  it('opens where the tab was, else the desk once there are badges, else Badges', () => {
    expect(initialSection('sync', 0)).toBe('sync')
    expect(initialSection(null, 3)).toBe('award')
    expect(initialSection(null, 0)).toBe('badges')
    expect(initialSection('nonsense', 0)).toBe('badges')
    expect(isSectionId('audit')).toBe(true)
    expect(isSectionId('keys')).toBe(false)
  })

  it('shows only the award desk and the awards list in desk mode, and opens nothing else', () => {
    expect(visibleSections(true).map((s) => s.id)).toEqual(['award', 'awards'])
    expect(sectionForShortcut(alt('Digit2'), visibleSections(true))).toBe('awards')
    expect(sectionForShortcut(alt('Digit8'), visibleSections(true))).toBeNull()
    expect(initialSection('settings', 3, true)).toBe('award')
    expect(initialSection('awards', 3, true)).toBe('awards')
    expect(allowedSection('settings', true)).toBeNull()
    expect(allowedSection('settings', false)).toBe('settings')
  })
})
