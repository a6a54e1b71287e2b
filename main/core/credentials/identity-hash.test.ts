import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { emailMatches, hashEmail, newSalt, normaliseEmail } from './identity-hash.js'

const SPEC_HASH = 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399'

describe('identity hash', () => {
  it('reproduces the OB 3.0 spec example (a@example.com + Kosher)', () => {
    expect(hashEmail('a@example.com', 'Kosher')).toBe(SPEC_HASH)
  })

  it('normalises (NFC + trim + lower-case) before hashing', () => {
    expect(normaliseEmail('  A@Example.COM \n')).toBe('a@example.com')
    expect(hashEmail('  A@Example.COM ', 'Kosher')).toBe(SPEC_HASH)
  })

  it('hashes UTF-8 of e-mail + salt', () => {
    const expected = createHash('sha256')
      .update(Buffer.from('zoë@exämple.org→salt', 'utf8'))
      .digest('hex')
    expect(hashEmail('Zoë@Exämple.org', '→salt')).toBe(`sha256$${expected}`)
  })

  it('makes 16-byte hex salts that differ', () => {
    const salts = new Set(Array.from({ length: 50 }, () => newSalt()))
    expect(salts.size).toBe(50)
    for (const s of salts) expect(s).toMatch(/^[0-9a-f]{32}$/)
  })

  const hashed = {
    type: 'IdentityObject',
    identityType: 'emailAddress',
    hashed: true,
    identityHash: SPEC_HASH,
    salt: 'Kosher'
  }

  it('matches the right address, case- and whitespace-insensitively', () => {
    expect(emailMatches(hashed, 'a@example.com')).toBe(true)
    expect(emailMatches(hashed, ' A@EXAMPLE.com ')).toBe(true)
    expect(emailMatches(hashed, 'b@example.com')).toBe(false)
    expect(emailMatches({ ...hashed, salt: 'kosher' }, 'a@example.com')).toBe(false)
  })

  it('accepts upper-case hex and md5, and an unsalted hash', () => {
    const upper = { ...hashed, identityHash: 'sha256$' + SPEC_HASH.slice(7).toUpperCase() }
    expect(emailMatches(upper, 'a@example.com')).toBe(true)
    const md5 = createHash('md5').update('a@example.comKosher').digest('hex')
    expect(emailMatches({ ...hashed, identityHash: `md5$${md5}` }, 'a@example.com')).toBe(true)
    const { salt: _salt, ...unsalted } = hashed
    const plain = createHash('sha256').update('a@example.com').digest('hex')
    expect(emailMatches({ ...unsalted, identityHash: `sha256$${plain}` }, 'A@example.com')).toBe(
      true
    )
  })

  it('matches a hash of the address exactly as typed by another issuer', () => {
    const raw = createHash('sha256')
      .update('Mixed.Case@Example.org' + 's')
      .digest('hex')
    const obj = { ...hashed, identityHash: `sha256$${raw}`, salt: 's' }
    expect(emailMatches(obj, 'Mixed.Case@Example.org')).toBe(true)
    expect(emailMatches(obj, 'mixed.case@example.org')).toBe(false)
  })

  it('hashes the NFC form, and still matches credentials hashed before NFC, in either form', () => {
    const nfc = 'jos\u00e9@ex\u00e4mple.org'
    const nfd = 'jose\u0301@exa\u0308mple.org'
    // Kiln now: NFC before hashing, whichever form was typed.
    expect(hashEmail(nfd, 's')).toBe(hashEmail(nfc, 's'))
    const now = { ...hashed, identityHash: hashEmail(nfd, 's'), salt: 's' }
    expect(emailMatches(now, nfc)).toBe(true)
    expect(emailMatches(now, nfd)).toBe(true)
    // Kiln before: trim + lower-case only, so an address typed decomposed was hashed decomposed.
    const old = createHash('sha256')
      .update(nfd + 's')
      .digest('hex')
    const before = { ...hashed, identityHash: `sha256$${old}`, salt: 's' }
    expect(emailMatches(before, nfc)).toBe(true)
    expect(emailMatches(before, nfd)).toBe(true)
    expect(emailMatches(before, ` ${nfc.toUpperCase()} `)).toBe(true)
    expect(emailMatches(before, 'jose@example.org')).toBe(false)
  })

  it('compares plaintext identifiers when hashed is false', () => {
    const plain = {
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: false,
      identityHash: 'Student@1EdTech.edu'
    }
    expect(emailMatches(plain, 'student@1edtech.edu')).toBe(true)
    expect(emailMatches(plain, 'other@1edtech.edu')).toBe(false)
  })

  it('rejects other identity types, unknown algorithms and junk', () => {
    expect(emailMatches({ ...hashed, identityType: 'name' }, 'a@example.com')).toBe(false)
    expect(emailMatches({ ...hashed, identityHash: 'sha1$abc' }, 'a@example.com')).toBe(false)
    expect(emailMatches({ ...hashed, identityHash: 'nodollar' }, 'a@example.com')).toBe(false)
    expect(emailMatches({ ...hashed, hashed: 'yes' }, 'a@example.com')).toBe(false)
    expect(emailMatches(null, 'a@example.com')).toBe(false)
    expect(emailMatches('sha256$x', 'a@example.com')).toBe(false)
  })
})
