import { describe, expect, it } from 'vitest'
import {
  SHORTCUTS,
  SHORTCUT_GROUPS,
  shortcutFor,
  shortcutsByGroup,
  type KeyEventLike,
  type KeyTarget
} from './shortcuts.js'

const key = (over: Partial<KeyEventLike>): KeyEventLike => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...over
})
const outside: KeyTarget = { typing: false, inDialog: false, within: () => false }
const typing: KeyTarget = { ...outside, typing: true }
const all = new Set(Object.keys(SHORTCUTS))

describe('shortcutFor', () => {
  it('opens the help on "?" outside text fields only', () => {
    const question = key({ key: '?', code: 'Slash', shiftKey: true })
    expect(shortcutFor(question, outside, all)).toBe('help')
    expect(shortcutFor(question, typing, all)).toBeNull()
  })

  it('awards on Ctrl+Enter, Cmd+Enter and Alt+A, also from a text field', () => {
    expect(shortcutFor(key({ key: 'Enter', ctrlKey: true }), typing, all)).toBe('award')
    expect(shortcutFor(key({ key: 'Enter', metaKey: true }), typing, all)).toBe('award')
    expect(shortcutFor(key({ key: 'å', code: 'KeyA', altKey: true }), typing, all)).toBe('award')
    expect(shortcutFor(key({ key: 'Enter' }), typing, all)).toBeNull()
  })

  it('opens sections on Alt+digit by physical key, even while typing', () => {
    expect(shortcutFor(key({ key: '™', code: 'Digit2', altKey: true }), typing, all)).toBe(
      'section'
    )
    expect(shortcutFor(key({ key: '0', code: 'Digit0', altKey: true }), outside, all)).toBeNull()
  })

  it('undoes a design step only with the focus in the design controls', () => {
    const undo = key({ key: 'z', code: 'KeyZ', ctrlKey: true })
    expect(shortcutFor(undo, typing, all)).toBeNull()
    const inDesign: KeyTarget = {
      ...typing,
      within: (selector) => selector === '[data-design-controls]'
    }
    expect(shortcutFor(undo, inDesign, all)).toBe('designUndo')
  })

  it('dispatches nothing behind an open dialog', () => {
    expect(shortcutFor(key({ key: '?' }), { ...outside, inDialog: true }, all)).toBeNull()
  })

  it('dispatches only shortcuts that a mounted component attached a handler to', () => {
    const award = key({ key: 'Enter', ctrlKey: true })
    expect(shortcutFor(award, outside, new Set(['help']))).toBeNull()
  })
})

describe('the shortcut table', () => {
  it('documents every shortcut in exactly one group of the help panel', () => {
    const listed = shortcutsByGroup().flatMap(([, entries]) => entries.map(([id]) => id))
    expect([...listed].sort()).toEqual(Object.keys(SHORTCUTS).sort())
    for (const [group] of shortcutsByGroup()) expect(SHORTCUT_GROUPS).toContain(group)
  })

  it('gives every shortcut its keys and a sentence', () => {
    for (const def of Object.values(SHORTCUTS)) {
      expect(def.keys.length).toBeGreaterThan(0)
      expect(def.does.length).toBeGreaterThan(10)
    }
  })
})
