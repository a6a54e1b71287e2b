/** Test helpers for the credentials tests: inputs, keys, signing and status lists. Tests only. */
import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { BadgeContent, IssuerProfile } from '../../../shared/types.js'
import { didKeyFromPublicKey, didWebFromSiteUrl, verificationMethodFor } from '../keys/did.js'
import { signerFromSeed, type Ed25519Signer } from '../keys/ed25519.js'
import { buildOpenBadgeCredential, type CredentialBuildInput } from './build-credential.js'
import { signDocument } from './data-integrity.js'

export const SITE = 'https://badges.example.org/'
export const LIST_URL = `${SITE}status/station-1.json`

export type TestIssuer = Readonly<{ profile: IssuerProfile; signer: Ed25519Signer; vm: string }>

export function newIssuer(kind: 'web' | 'key' = 'web'): TestIssuer {
  const signer = signerFromSeed(randomBytes(32))
  const id = kind === 'web' ? didWebFromSiteUrl(SITE) : didKeyFromPublicKey(signer.publicKey)
  const profile: IssuerProfile = {
    id,
    type: ['Profile'],
    name: 'Kiln Test Association',
    url: 'https://example.org/'
  }
  return { profile, signer, vm: verificationMethodFor(id, signer.publicKey) }
}

export const BASE_CONTENT: BadgeContent = {
  name: 'Teamwork',
  description: 'Works well with others.',
  criteria: { narrative: 'Nominated by peers.' },
  tags: [],
  achievementType: 'Badge',
  alignments: [],
  expiry: { kind: 'never' }
}

export function baseInput(
  issuer: IssuerProfile,
  over: Partial<CredentialBuildInput> = {}
): CredentialBuildInput {
  return {
    siteUrl: SITE,
    issuer,
    badge: { id: 'bdg_teamwork', version: 1, content: BASE_CONTENT },
    award: {
      id: 'awd_0001',
      awardedDate: '2025-03-01T10:00:00Z',
      validFrom: '2025-03-01T10:00:00Z'
    },
    recipient: {
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      salt: 'c0ffee00c0ffee00c0ffee00c0ffee00'
    },
    status: { listUrl: LIST_URL, index: 4242 },
    ...over
  }
}

export async function signCredential(issuer: TestIssuer, input: CredentialBuildInput) {
  return signDocument(
    buildOpenBadgeCredential(input),
    { verificationMethod: issuer.vm, created: input.award.validFrom },
    issuer.signer
  )
}

/** "u" + base64url(gzip(bits)), 131,072 bits, with the given indexes set (bit 0 = MSB of byte 0). */
export function encodeList(setIndexes: readonly number[], bits = 131_072): string {
  const bytes = new Uint8Array(bits / 8)
  for (const i of setIndexes) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7))
  return 'u' + gzipSync(bytes).toString('base64url')
}

export function unsignedStatusList(
  issuerId: string,
  encodedList: string,
  purpose = 'revocation',
  url = LIST_URL
): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerId,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purpose,
      encodedList
    }
  }
}

export async function signedStatusList(
  issuer: TestIssuer,
  revoked: readonly number[],
  purpose = 'revocation'
): Promise<Record<string, unknown>> {
  return signDocument(
    unsignedStatusList(issuer.profile.id, encodeList(revoked), purpose),
    { verificationMethod: issuer.vm, created: '2025-01-01T00:00:00Z' },
    issuer.signer
  )
}
