import { describe, expect, it } from 'vitest'
import type { Recipient } from '../../../../shared/types.js'
import { chooseOnEnter, exactRecipient, looksLikeEmail } from './recipient-match.js'

function person(name: string, email: string, extra: Partial<Recipient> = {}): Recipient {
  return {
    id: name,
    name,
    email,
    emails: [email],
    mergedIds: [],
    awardCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra
  }
}

const grace = person('Grace Hopper', 'grace@example.org')
const kelly = person('Grace Kelly', 'kelly@example.org', {
  memberId: 'M42',
  emails: ['kelly@example.org', 'gk@old.example']
})

describe('Enter at the desk', () => {
  it('finds an exact e-mail (any merged one, any case) or member id', () => {
    expect(exactRecipient(' GRACE@example.org ', [kelly, grace])).toBe(grace)
    expect(exactRecipient('gk@old.example', [grace, kelly])).toBe(kelly)
    expect(exactRecipient('M42', [grace, kelly])).toBe(kelly)
    expect(exactRecipient('m42', [grace, kelly])).toBeNull()
  })

  it('prefers the exact match, else the first one; an unknown e-mail is a new person', () => {
    expect(chooseOnEnter('kelly@example.org', [grace, kelly])).toEqual({
      kind: 'pick',
      recipient: kelly
    })
    expect(chooseOnEnter('grace', [grace, kelly])).toEqual({ kind: 'pick', recipient: grace })
    expect(chooseOnEnter('ada@example.org', [grace])).toEqual({ kind: 'new' })
    expect(chooseOnEnter('Ada', [])).toEqual({ kind: 'new' })
    expect(chooseOnEnter('  ', [grace])).toEqual({ kind: 'none' })
    expect(looksLikeEmail('grace@example')).toBe(false)
  })
})
