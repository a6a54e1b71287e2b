import { describe, expect, it } from 'vitest'
import { methodSchemas } from './contract.js'
import { findHiddenCharacter, hiddenCharacterProblem } from './human-text.js'

const RLO = '\u202e'

describe('hidden characters in text people read', () => {
  it.each([
    ['NUL', 'Ana\u0000Silva', 0x0000, 'control'],
    ['ESC', 'Ana\u001b[31m', 0x001b, 'control'],
    ['DEL', 'Ana\u007f', 0x007f, 'control'],
    ['C1 (U+0085)', 'Ana\u0085', 0x0085, 'control'],
    ['LRE', 'Ana \u202aB', 0x202a, 'direction'],
    ['RLO', `Ana ${RLO}gpj.exe`, 0x202e, 'direction'],
    ['LRI', 'Ana \u2066B\u2069', 0x2066, 'direction'],
    ['PDI', 'Ana \u2069', 0x2069, 'direction'],
    ['a line break', 'Ana\nSilva', 0x000a, 'line-break'],
    ['an unpaired surrogate', 'Ana \ud83d', 0xd83d, 'broken']
  ])('refuses %s', (_label, text, codePoint, kind) => {
    expect(findHiddenCharacter(text)).toEqual({ codePoint, kind })
  })

  it('accepts every script, emoji, ZWJ/ZWNJ and the LRM/RLM/ALM marks', () => {
    for (const text of [
      'فاطمة الزهراء',
      'יעל כהן',
      '王秀英',
      'Zoë Yılmaz',
      'Ana 👩🏽‍🔬',
      'मीनाक्षी',
      'می‌خواهم',
      'Ana \u200eB\u200f \u061c'
    ]) {
      expect(findHiddenCharacter(text)).toBeUndefined()
    }
  })

  it('allows tabs and line breaks only in multi-line text', () => {
    expect(findHiddenCharacter('line one\r\n\tline two', { multiline: true })).toBeUndefined()
    expect(findHiddenCharacter(`line ${RLO}two`, { multiline: true })?.kind).toBe('direction')
  })

  it('says which character, with its code point and name', () => {
    expect(hiddenCharacterProblem(`Ana ${RLO}`)).toMatch(
      /^contains an invisible control character \(U\+202E RIGHT-TO-LEFT OVERRIDE\) that changes the direction/
    )
    expect(hiddenCharacterProblem('Ana\u0000')).toBe(
      'contains an invisible control character (U+0000 NULL); remove it and type the text again'
    )
  })
})

describe('the contract refuses them with a field error', () => {
  const bad = `Ana ${RLO}evil`
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['awards:issue', 'name', { badgeId: 'b', email: 'a@example.org', name: bad }],
    ['awards:issue', 'operator', { badgeId: 'b', recipientId: 'r', operator: bad }],
    ['awards:issue', 'narrative', { badgeId: 'b', recipientId: 'r', narrative: `x\u0000` }],
    ['awards:reissue', 'name', { id: 'a', name: bad }],
    ['awards:revoke', 'reason', { id: 'a', reason: bad }],
    ['recipients:create', 'name', { name: bad, email: 'a@example.org' }],
    ['recipients:update', 'name', { id: 'r', name: bad }],
    ['badges:create', 'name', { name: bad, description: 'd', criteriaNarrative: 'c' }],
    ['badges:create', 'description', { name: 'n', description: bad, criteriaNarrative: 'c' }],
    ['badges:update', 'criteriaNarrative', { id: 'b', criteriaNarrative: bad }],
    [
      'station:init',
      'issuerName',
      {
        issuerName: bad,
        issuerUrl: 'https://example.org/',
        siteUrl: 'https://badges.example.org/',
        passphrase: 'long enough'
      }
    ],
    ['station:updateProfile', 'issuerName', { issuerName: bad }],
    ['certificates:preview', 'signerName', { awardId: 'a', signerName: bad }]
  ]
  it.each(cases)('%s %s', (method, field, input) => {
    const schema = methodSchemas[method as keyof typeof methodSchemas]
    const parsed = schema.safeParse(input)
    expect(parsed.success).toBe(false)
    const issue = parsed.error?.issues[0]
    expect(issue?.path.join('.')).toBe(field)
    expect(issue?.message).toMatch(/invisible control character \(U\+(202E|0000)/)
  })

  it('still accepts multi-line narratives and descriptions', () => {
    const ok = methodSchemas['badges:create'].safeParse({
      name: 'Teamwork',
      description: 'Line one.\nLine two.',
      criteriaNarrative: '1. Attend\n2. Share'
    })
    expect(ok.success).toBe(true)
  })
})
