import { describe, expect, it } from 'vitest'
import { emailCandidates, normaliseEmail } from './email.js'
import { emailSchema } from './schemas.js'

const NFC = 'jos\u00e9@ex\u00e4mple.org'
const NFD = 'jose\u0301@exa\u0308mple.org'

describe('normaliseEmail', () => {
  it('makes the NFD and NFC forms of one address the same address', () => {
    expect(NFC).not.toBe(NFD)
    expect(normaliseEmail(NFD)).toBe(NFC)
    expect(normaliseEmail(NFC)).toBe(NFC)
  })

  it('trims and lower-cases the whole address (domain and local part)', () => {
    expect(normaliseEmail('  Ana.Silva@Example.ORG \n')).toBe('ana.silva@example.org')
    expect(normaliseEmail(' JOSE\u0301@EXA\u0308MPLE.ORG')).toBe(NFC)
    // Dots and +tags are kept: they are other mailboxes at some providers.
    expect(normaliseEmail('a.b+tag@example.org')).toBe('a.b+tag@example.org')
  })

  it('is what the contract stores, so every entry point agrees', () => {
    expect(emailSchema.parse(` ${NFD.toUpperCase()} `)).toBe(NFC)
  })

  it('lists the forms earlier versions hashed (trimmed, lower-cased, not NFC)', () => {
    expect(emailCandidates(NFC)).toEqual([NFC, NFD])
    expect(emailCandidates(` ${NFD} `)).toEqual([NFC, NFD, ` ${NFD} `])
  })
})
