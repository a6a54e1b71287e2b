/**
 * Open Badges 2.0 hosted verification (OPEN-BADGES.md §3): the JSON files a static site serves so
 * OB 2.0 consumers can verify an award by fetching its Assertion URL. Every id lives under
 * `${siteUrl}ob2/`, the same origin as the issuer, which is the default hosted-verification scope
 * (§3.2). Pure and deterministic: dates come in as arguments.
 */
import { createHash } from 'node:crypto'
import { normaliseEmail } from '../../../shared/email.js'
import type { BadgeContent } from '../../../shared/types.js'
import { KilnFailure } from '../failure.js'

export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2'

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$/

type Json = Readonly<Record<string, unknown>>

function invalid(field: string, message: string): KilnFailure {
  return new KilnFailure('INVALID_INPUT', `${field} ${message}`, { field })
}

/** The site URL with exactly one trailing slash; throws unless it is an http(s) URL. */
export function normalizeSiteUrl(siteUrl: string): string {
  let url: URL
  try {
    url = new URL(siteUrl)
  } catch {
    throw invalid('siteUrl', 'is not a URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid('siteUrl', 'must be https://')
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid('siteUrl', 'must not have a query or fragment')
  }
  return url.href.replace(/\/*$/, '/')
}

function safeId(field: string, id: string): string {
  if (!SAFE_ID.test(id)) {
    throw invalid(field, 'may only contain letters, digits, ".", "_", "~" and "-"')
  }
  return id
}

export const ob2IssuerUrl = (siteUrl: string): string =>
  `${normalizeSiteUrl(siteUrl)}ob2/issuer.json`
export const ob2BadgeClassUrl = (siteUrl: string, badgeId: string): string =>
  `${normalizeSiteUrl(siteUrl)}ob2/badges/${safeId('badgeId', badgeId)}.json`
export const ob2AssertionUrl = (siteUrl: string, awardId: string): string =>
  `${normalizeSiteUrl(siteUrl)}ob2/assertions/${safeId('awardId', awardId)}.json`

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

function isoDate(field: string, value: string): string {
  if (!ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(field, 'must be an ISO 8601 date-time with a time zone')
  }
  return value
}

/** E-mail as hashed: NFC, trimmed and lower-cased (shared/email.ts; OPEN-BADGES.md §1.6 [rec]). */
export function normalizeEmail(email: string): string {
  const normalized = normaliseEmail(email)
  if (!/^[^\s@]+@[^\s@]+$/.test(normalized)) throw invalid('email', 'is not an e-mail address')
  return normalized
}

/** IdentityHash: "sha256$" + hex(SHA-256(UTF-8(identity + salt))) (§1.6, §3.1). */
export function identityHash(identity: string, salt: string): string {
  return (
    'sha256$' +
    createHash('sha256')
      .update(identity + salt, 'utf8')
      .digest('hex')
  )
}

export function ob2IssuerJson(input: {
  siteUrl: string
  name: string
  url: string
  email?: string
}): Json {
  return {
    '@context': OB2_CONTEXT,
    id: ob2IssuerUrl(input.siteUrl),
    type: 'Issuer',
    name: input.name,
    url: input.url,
    ...(input.email === undefined ? {} : { email: normalizeEmail(input.email) })
  }
}

function criteriaOf(criteria: BadgeContent['criteria']): string | Json {
  const { narrative, url } = criteria
  if (narrative !== undefined && narrative.trim() !== '') {
    return url === undefined ? { narrative } : { id: url, narrative }
  }
  if (url !== undefined) return url
  throw invalid('criteria', 'needs a narrative or a URL')
}

export function ob2BadgeClassJson(input: {
  siteUrl: string
  badgeId: string
  content: BadgeContent
  imageUrl: string
}): Json {
  const { content } = input
  const alignment = content.alignments.map((a) => ({
    targetName: a.targetName,
    targetUrl: a.targetUrl,
    ...(a.targetDescription === undefined ? {} : { targetDescription: a.targetDescription }),
    ...(a.targetFramework === undefined ? {} : { targetFramework: a.targetFramework }),
    ...(a.targetCode === undefined ? {} : { targetCode: a.targetCode })
  }))
  return {
    '@context': OB2_CONTEXT,
    id: ob2BadgeClassUrl(input.siteUrl, input.badgeId),
    type: 'BadgeClass',
    name: content.name,
    description: content.description,
    image: input.imageUrl,
    criteria: criteriaOf(content.criteria),
    issuer: ob2IssuerUrl(input.siteUrl),
    ...(content.tags.length === 0 ? {} : { tags: [...content.tags] }),
    ...(alignment.length === 0 ? {} : { alignment })
  }
}

export function ob2AssertionJson(input: {
  siteUrl: string
  awardId: string
  badgeId: string
  email: string
  /** Per-award random salt; '' means unsalted (then no salt property is written). */
  salt: string
  /** ISO 8601 with a time zone. */
  issuedOn: string
  expires?: string
  narrative?: string
  evidenceUrl?: string
  /** Usually the baked image's URL. */
  imageUrl?: string
}): Json {
  const identity = identityHash(normalizeEmail(input.email), input.salt)
  return {
    '@context': OB2_CONTEXT,
    id: ob2AssertionUrl(input.siteUrl, input.awardId),
    type: 'Assertion',
    recipient: {
      type: 'email',
      hashed: true,
      ...(input.salt === '' ? {} : { salt: input.salt }),
      identity
    },
    badge: ob2BadgeClassUrl(input.siteUrl, input.badgeId),
    verification: { type: 'hosted' },
    issuedOn: isoDate('issuedOn', input.issuedOn),
    ...(input.expires === undefined ? {} : { expires: isoDate('expires', input.expires) }),
    ...(input.imageUrl === undefined ? {} : { image: input.imageUrl }),
    ...(input.narrative === undefined ? {} : { narrative: input.narrative }),
    ...(input.evidenceUrl === undefined ? {} : { evidence: input.evidenceUrl })
  }
}

/** What replaces a revoked award's assertion file on a static host (410 is rarely possible). */
export function ob2RevokedAssertionJson(input: {
  siteUrl: string
  awardId: string
  reason: string
}): Json {
  return {
    '@context': OB2_CONTEXT,
    id: ob2AssertionUrl(input.siteUrl, input.awardId),
    type: 'Assertion',
    revoked: true,
    revocationReason: input.reason
  }
}
