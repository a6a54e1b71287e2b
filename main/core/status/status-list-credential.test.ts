import fs from 'node:fs'
import type { JsonLdDocument, Options } from 'jsonld'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import type { IssuerProfile } from '../../../shared/types.js'
import { vendorFile } from '../../../test/vendor-paths.js'
import { StatusBitstring } from './bitstring.js'
import {
  VC_V2_CONTEXT,
  buildStatusListCredential,
  buildStatusListEntry
} from './status-list-credential.js'

type RemoteDocument = Awaited<ReturnType<NonNullable<Options.Expand['documentLoader']>>>

const issuer: IssuerProfile = {
  id: 'did:web:badges.example.org',
  type: ['Profile'],
  name: 'Pottery Club',
  url: 'https://example.org'
}
const listUrl = 'https://badges.example.org/status/1.json'

const vcV2: unknown = JSON.parse(
  fs.readFileSync(vendorFile('vectors', 'contexts', 'w3c-credentials-v2.jsonld'), 'utf8')
)
async function documentLoader(url: string): Promise<RemoteDocument> {
  if (url !== VC_V2_CONTEXT) throw new Error(`unexpected context ${url}`)
  return { contextUrl: undefined, documentUrl: url, document: vcV2 as RemoteDocument['document'] }
}
const expandSafely = (doc: unknown) =>
  jsonld.expand(doc as JsonLdDocument, { documentLoader, safe: true } as Options.Expand)

describe('buildStatusListCredential', () => {
  const encodedList = new StatusBitstring().encode()
  const credential = buildStatusListCredential({
    listUrl,
    issuer,
    encodedList,
    validFrom: '2026-11-29T00:00:00Z'
  })

  it('has the BitstringStatusListCredential shape (§4.2)', () => {
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: listUrl,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:badges.example.org',
      validFrom: '2026-11-29T00:00:00Z',
      credentialSubject: {
        id: `${listUrl}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList
      }
    })
    expect(StatusBitstring.decode(credential.credentialSubject.encodedList).lengthBits).toBe(
      131_072
    )
  })

  it('every term is defined by the VC v2 context alone (JSON-LD safe mode)', async () => {
    await expect(expandSafely(credential)).resolves.toBeDefined()
    // the same check rejects an issuer object typed with the OB-only term "Profile"
    await expect(
      expandSafely({ ...credential, issuer: { id: issuer.id, type: ['Profile'] } })
    ).rejects.toThrow()
  })

  it('validates its inputs', () => {
    const base = { listUrl, issuer, encodedList, validFrom: '2026-11-29T00:00:00Z' }
    expect(() => buildStatusListCredential({ ...base, listUrl: 'status.json' })).toThrow(/listUrl/)
    expect(() => buildStatusListCredential({ ...base, encodedList: encodedList.slice(1) })).toThrow(
      /encodedList/
    )
    expect(() => buildStatusListCredential({ ...base, validFrom: '2026-11-29' })).toThrow(
      /validFrom/
    )
  })
})

describe('buildStatusListEntry', () => {
  it('points at the list with a string index and an id that is not the list URL (§4.1)', () => {
    expect(buildStatusListEntry({ listUrl, index: 4242 })).toEqual({
      id: `${listUrl}#4242`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '4242',
      statusListCredential: listUrl
    })
    expect(() => buildStatusListEntry({ listUrl, index: -1 })).toThrow(/index/)
  })
})
