/**
 * The unsigned OB 3.0 OpenBadgeCredential for one award (OPEN-BADGES.md §1). Pure and
 * deterministic: no clock and no randomness in here (salt, dates, ids all come in), so the
 * same input always gives the same document and therefore the same Ed25519 signature.
 * Sets are arrays, null/empty values are omitted (§1.8), every property is a term of the
 * VC v2 / OB 3.0.3 / extensions contexts (JSON-LD safe mode rejects anything else, §1.1).
 */
import type { Alignment, BadgeContent, ExpiryPolicy, IssuerProfile } from '../../../shared/types.js'
import { hashEmail } from './identity-hash.js'

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
export const OB_CREDENTIAL_CONTEXTS = [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_EXTENSIONS_CONTEXT] as const
export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'

export type CredentialBuildInput = Readonly<{
  /** Base URL of the published site, e.g. https://badges.example.org/ */
  siteUrl: string
  issuer: IssuerProfile
  badge: Readonly<{ id: string; version: number; content: BadgeContent; imageUrl?: string }>
  award: Readonly<{
    id: string
    awardedDate: string
    validFrom: string
    validUntil?: string
    narrative?: string
    evidenceUrl?: string
    /** Id (URL) of the credential this one replaces after a correction. */
    replaces?: string
  }>
  recipient: Readonly<{ name: string; email: string; salt: string }>
  status: Readonly<{ listUrl: string; index: number }>
}>

export type ImageObject = { id: string; type: 'Image' }

export type AlignmentObject = {
  type: ['Alignment']
  targetName: string
  targetUrl: string
  targetFramework?: string
  targetCode?: string
  targetDescription?: string
}

export type AchievementObject = {
  id: string
  type: ['Achievement']
  name: string
  description: string
  criteria: { id?: string; narrative?: string }
  image?: ImageObject
  tag?: string[]
  alignment?: AlignmentObject[]
  achievementType: string
  creditsAvailable?: number
  fieldOfStudy?: string
  humanCode?: string
  version: string
}

export type IdentityObject = {
  type: 'IdentityObject'
  identityHash: string
  identityType: 'emailAddress'
  hashed: true
  salt: string
}

export type BitstringStatusListEntry = {
  id: string
  type: 'BitstringStatusListEntry'
  statusPurpose: 'revocation'
  statusListIndex: string
  statusListCredential: string
}

export type UnsignedOpenBadgeCredential = {
  '@context': string[]
  id: string
  type: ['VerifiableCredential', 'OpenBadgeCredential']
  issuer: { id: string; type: ['Profile']; name: string; url: string; email?: string }
  validFrom: string
  validUntil?: string
  awardedDate: string
  name: string
  description?: string
  credentialSubject: {
    type: ['AchievementSubject']
    name: string
    identifier: IdentityObject[]
    narrative?: string
    achievement: AchievementObject
  }
  evidence?: { type: ['Evidence']; id: string }[]
  credentialStatus: BitstringStatusListEntry
  credentialSchema: { id: string; type: '1EdTechJsonSchemaValidator2019' }[]
}

function siteBase(site: string): string {
  return site.endsWith('/') ? site : `${site}/`
}

export function credentialUrl(site: string, awardId: string): string {
  return `${siteBase(site)}credentials/${encodeURIComponent(awardId)}`
}

export function achievementUrl(site: string, badgeId: string): string {
  return `${siteBase(site)}achievements/${encodeURIComponent(badgeId)}`
}

/** Sentence placed in the credential's `description` when it replaces an earlier one. */
export function replacesDescription(replacedCredentialId: string): string {
  return `Reissued credential: it replaces ${replacedCredentialId}, which is no longer valid.`
}

function isoUtc(date: Date): string {
  const iso = date.toISOString()
  return date.getUTCMilliseconds() === 0 ? iso.replace(/\.000Z$/, 'Z') : iso
}

function parseDate(value: string, what: string): Date {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what} is not a date: ${value}`)
  return date
}

/**
 * When a credential issued at `validFrom` stops being valid under the badge's expiry policy.
 * Months: the same day N months later at the same UTC time, clamped to the last day of the
 * month (31 Jan + 1 month = 28/29 Feb). A fixed date is returned as a UTC timestamp.
 */
export function computeValidUntil(expiry: ExpiryPolicy, validFrom: string): string | undefined {
  switch (expiry.kind) {
    case 'never':
      return undefined
    case 'date':
      return isoUtc(parseDate(expiry.date, 'expiry date'))
    case 'months': {
      const from = parseDate(validFrom, 'validFrom')
      const monthIndex = from.getUTCMonth() + expiry.months
      const year = from.getUTCFullYear() + Math.floor(monthIndex / 12)
      const month = monthIndex % 12
      const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
      const until = new Date(
        Date.UTC(
          year,
          month,
          Math.min(from.getUTCDate(), lastDay),
          from.getUTCHours(),
          from.getUTCMinutes(),
          from.getUTCSeconds(),
          from.getUTCMilliseconds()
        )
      )
      return isoUtc(until)
    }
  }
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim().length > 0
}

/** `{ [key]: value }` when the value is a non-empty string, else `{}` (for ordered spreads). */
function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (nonEmpty(value) ? { [key]: value } : {}) as { [P in K]?: string }
}

function buildAlignment(a: Alignment): AlignmentObject {
  return {
    type: ['Alignment'],
    targetName: a.targetName,
    targetUrl: a.targetUrl,
    ...opt('targetFramework', a.targetFramework),
    ...opt('targetCode', a.targetCode),
    ...opt('targetDescription', a.targetDescription)
  }
}

function buildAchievement(input: CredentialBuildInput): AchievementObject {
  const { content, imageUrl } = input.badge
  const tags = content.tags.filter(nonEmpty)
  return {
    id: achievementUrl(input.siteUrl, input.badge.id),
    type: ['Achievement'],
    name: content.name,
    description: content.description,
    criteria: {
      ...opt('id', content.criteria.url),
      ...opt('narrative', content.criteria.narrative)
    },
    ...(nonEmpty(imageUrl) ? { image: { id: imageUrl, type: 'Image' as const } } : {}),
    ...(tags.length > 0 ? { tag: tags } : {}),
    ...(content.alignments.length > 0 ? { alignment: content.alignments.map(buildAlignment) } : {}),
    achievementType: content.achievementType,
    ...(content.creditsAvailable !== undefined
      ? { creditsAvailable: content.creditsAvailable }
      : {}),
    ...opt('fieldOfStudy', content.fieldOfStudy),
    ...opt('humanCode', content.humanCode),
    version: String(input.badge.version)
  }
}

export function buildOpenBadgeCredential(input: CredentialBuildInput): UnsignedOpenBadgeCredential {
  const { issuer, award, recipient, status } = input
  return {
    '@context': [...OB_CREDENTIAL_CONTEXTS],
    id: credentialUrl(input.siteUrl, award.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: issuer.id,
      type: ['Profile'],
      name: issuer.name,
      url: issuer.url,
      ...opt('email', issuer.email)
    },
    validFrom: award.validFrom,
    ...opt('validUntil', award.validUntil),
    awardedDate: award.awardedDate,
    name: input.badge.content.name,
    ...opt('description', award.replaces && replacesDescription(award.replaces)),
    credentialSubject: {
      type: ['AchievementSubject'],
      name: recipient.name,
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: hashEmail(recipient.email, recipient.salt),
          identityType: 'emailAddress',
          hashed: true,
          salt: recipient.salt
        }
      ],
      ...opt('narrative', award.narrative),
      achievement: buildAchievement(input)
    },
    ...(nonEmpty(award.evidenceUrl)
      ? { evidence: [{ type: ['Evidence'] as ['Evidence'], id: award.evidenceUrl }] }
      : {}),
    credentialStatus: {
      id: `${status.listUrl}#${status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(status.index),
      statusListCredential: status.listUrl
    },
    credentialSchema: [
      { id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, type: '1EdTechJsonSchemaValidator2019' }
    ]
  }
}
