/**
 * Recipient e-mail as an OB 3.0 IdentityHash (OPEN-BADGES.md §1.6):
 * "sha256$" + hex(SHA-256(UTF-8(identifier + salt))). Kiln normalises the e-mail
 * (shared/email.ts: NFC, trim, lower-case) before hashing; the spec does not mandate it, so
 * matching also tries the forms earlier versions hashed and the address exactly as typed
 * (credentials from other issuers).
 */
import { createHash, randomBytes } from 'node:crypto'
import { emailCandidates, normaliseEmail } from '../../../shared/email.js'

export { normaliseEmail }

function hashWith(algorithm: 'sha256' | 'md5', identifier: string, salt: string): string {
  return createHash(algorithm)
    .update(identifier + salt, 'utf8')
    .digest('hex')
}

/** The IdentityHash Kiln writes: always of the normalised address. */
export function hashEmail(email: string, salt: string): string {
  return 'sha256$' + hashWith('sha256', normaliseEmail(email), salt)
}

/** 16 random bytes as hex: a fresh salt per credential. */
export function newSalt(): string {
  return randomBytes(16).toString('hex')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function hashMatches(identityHash: string, candidates: readonly string[], salt: string): boolean {
  const sep = identityHash.indexOf('$')
  if (sep < 0) return false
  const algorithm = identityHash.slice(0, sep).toLowerCase()
  const expected = identityHash.slice(sep + 1).toLowerCase()
  if (algorithm !== 'sha256' && algorithm !== 'md5') return false
  return candidates.some((c) => hashWith(algorithm, c, salt) === expected)
}

/**
 * Whether an IdentityObject (`{ type: "IdentityObject", identityType: "emailAddress", hashed,
 * identityHash, salt? }`) names this e-mail address. Anything else → false.
 */
export function emailMatches(identityObject: unknown, email: string): boolean {
  if (!isRecord(identityObject)) return false
  const { identityType, identityHash, hashed, salt } = identityObject
  if (identityType !== 'emailAddress' || typeof identityHash !== 'string') return false
  if (hashed === true) {
    const candidates = emailCandidates(email)
    return hashMatches(identityHash, candidates, typeof salt === 'string' ? salt : '')
  }
  if (hashed === false) return normaliseEmail(identityHash) === normaliseEmail(email)
  return false
}
