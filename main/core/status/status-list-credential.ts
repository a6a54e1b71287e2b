/**
 * The BitstringStatusListCredential a site publishes, and the entry a credential points at it
 * with (OPEN-BADGES.md §4.1, §4.2). Unsigned here; signing happens elsewhere (signDocument).
 */
import type { IssuerProfile } from '../../../shared/types.js'
import { KilnFailure } from '../failure.js'

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'

export type StatusPurpose = 'revocation' | 'suspension'

export type UnsignedStatusListCredential = Readonly<{
  '@context': readonly [typeof VC_V2_CONTEXT]
  id: string
  type: readonly ['VerifiableCredential', 'BitstringStatusListCredential']
  issuer: string
  validFrom: string
  validUntil?: string
  credentialSubject: Readonly<{
    id: string
    type: 'BitstringStatusList'
    statusPurpose: StatusPurpose
    encodedList: string
  }>
}>

export type BitstringStatusListEntry = Readonly<{
  id: string
  type: 'BitstringStatusListEntry'
  statusPurpose: StatusPurpose
  statusListIndex: string
  statusListCredential: string
}>

function checkUrl(field: string, value: string): void {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new KilnFailure('INVALID_INPUT', `${field} is not a URL`, { field })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KilnFailure('INVALID_INPUT', `${field} must be an https:// URL`, { field })
  }
  if (url.hash !== '') {
    throw new KilnFailure('INVALID_INPUT', `${field} must not have a #fragment`, { field })
  }
}

/**
 * `issuer` is written as the issuer's id (a URL/DID string). VC v2 also allows an object with
 * an id, but the profile's `type: ["Profile"]` is an Open Badges term: with only the VC v2
 * context a JSON-LD processor in safe mode would reject it. The id is what verifiers compare.
 */
export function buildStatusListCredential(input: {
  listUrl: string
  issuer: IssuerProfile
  encodedList: string
  /** ISO 8601 date-time; passed in so the output is deterministic. */
  validFrom: string
  validUntil?: string
  statusPurpose?: StatusPurpose
}): UnsignedStatusListCredential {
  checkUrl('listUrl', input.listUrl)
  for (const [field, value] of [
    ['validFrom', input.validFrom],
    ['validUntil', input.validUntil]
  ] as const) {
    if (
      value !== undefined &&
      (!/^\d{4}-\d{2}-\d{2}T[^\s]+(Z|[+-]\d{2}:\d{2})$/.test(value) ||
        Number.isNaN(Date.parse(value)))
    ) {
      throw new KilnFailure(
        'INVALID_INPUT',
        `${field} must be an ISO 8601 date-time with a time zone`,
        { field }
      )
    }
  }
  if (!input.encodedList.startsWith('u')) {
    throw new KilnFailure(
      'INVALID_INPUT',
      'encodedList must be multibase base64url (start with "u")',
      {
        field: 'encodedList'
      }
    )
  }
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer.id,
    validFrom: input.validFrom,
    ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
    credentialSubject: {
      id: `${input.listUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.statusPurpose ?? 'revocation',
      encodedList: input.encodedList
    }
  }
}

/** The credentialStatus of one credential: `${listUrl}#${index}` (the OB schema requires an id). */
export function buildStatusListEntry(input: {
  listUrl: string
  index: number
  statusPurpose?: StatusPurpose
}): BitstringStatusListEntry {
  checkUrl('listUrl', input.listUrl)
  if (!Number.isSafeInteger(input.index) || input.index < 0) {
    throw new KilnFailure(
      'INVALID_INPUT',
      `status list index ${input.index} is not a whole number ≥ 0`,
      {
        field: 'statusListIndex'
      }
    )
  }
  return {
    id: `${input.listUrl}#${input.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.statusPurpose ?? 'revocation',
    statusListIndex: String(input.index),
    statusListCredential: input.listUrl
  }
}
