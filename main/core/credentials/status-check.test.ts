import { describe, expect, it } from 'vitest'
import { signDocument } from './data-integrity.js'
import { checkCredentialStatus, verifyStatusListCredential } from './status-check.js'
import {
  baseInput,
  encodeList,
  LIST_URL,
  newIssuer,
  signCredential,
  signedStatusList,
  unsignedStatusList
} from './test-kit.js'

const NOW = new Date('2025-06-01T00:00:00Z')

async function setup(revoked: number[] = []) {
  const issuer = newIssuer()
  const credential = await signCredential(issuer, baseInput(issuer.profile)) // index 4242
  const list = await signedStatusList(issuer, revoked)
  return { issuer, credential, list }
}

describe('verifyStatusListCredential', () => {
  it('accepts a list signed by the issuer and returns its encodedList and purposes', async () => {
    const { issuer, list } = await setup([1])
    const result = await verifyStatusListCredential(list, issuer.profile.id, { now: NOW })
    expect(result).toEqual({
      ok: true,
      encodedList: encodeList([1]),
      statusPurposes: ['revocation']
    })
  })

  it('rejects a list issued by someone else, even if validly signed by them', async () => {
    const { issuer } = await setup()
    const other = newIssuer('key')
    const list = await signedStatusList(other, [])
    const result = await verifyStatusListCredential(list, issuer.profile.id, { now: NOW })
    expect(result.ok).toBe(false)
  })

  it('rejects a list that names the issuer but is signed with another key', async () => {
    const { issuer } = await setup()
    const other = newIssuer('key')
    const list = await signDocument(
      unsignedStatusList(issuer.profile.id, encodeList([])),
      { verificationMethod: other.vm, created: '2025-01-01T00:00:00Z' },
      other.signer
    )
    const result = await verifyStatusListCredential(list, issuer.profile.id, { now: NOW })
    expect(result).toMatchObject({ ok: false })
    expect(result.ok === false && result.reason).toContain('not by the issuer')
  })

  it('rejects a list whose bits were changed after signing (un-revoking)', async () => {
    const { issuer, list } = await setup([4242])
    const forged = structuredClone(list) as { credentialSubject: { encodedList: string } }
    forged.credentialSubject.encodedList = encodeList([])
    const result = await verifyStatusListCredential(forged, issuer.profile.id, { now: NOW })
    expect(result.ok === false && result.reason).toMatch(/proof/)
  })

  it('rejects unsigned lists, wrong types and expired lists', async () => {
    const { issuer } = await setup()
    const unsigned = unsignedStatusList(issuer.profile.id, encodeList([]))
    expect((await verifyStatusListCredential(unsigned, issuer.profile.id, { now: NOW })).ok).toBe(
      false
    )
    expect(
      (
        await verifyStatusListCredential(
          { ...unsigned, type: ['VerifiableCredential'] },
          issuer.profile.id
        )
      ).ok
    ).toBe(false)
    expect((await verifyStatusListCredential('list', issuer.profile.id)).ok).toBe(false)
    const expiring = await signDocument(
      {
        ...unsignedStatusList(issuer.profile.id, encodeList([])),
        validUntil: '2025-02-01T00:00:00Z'
      },
      { verificationMethod: issuer.vm, created: '2025-01-01T00:00:00Z' },
      issuer.signer
    )
    expect(
      await verifyStatusListCredential(expiring, issuer.profile.id, { now: NOW })
    ).toMatchObject({ ok: false })
    expect(
      (
        await verifyStatusListCredential(expiring, issuer.profile.id, {
          now: new Date('2025-01-15T00:00:00Z')
        })
      ).ok
    ).toBe(true)
  })
})

describe('checkCredentialStatus', () => {
  it('revoked bit → failed "revoked"; clear bit → passed', async () => {
    const { credential, list } = await setup([4242])
    const revoked = await checkCredentialStatus(credential, {
      now: NOW,
      statusListResolver: async () => list
    })
    expect(revoked).toEqual({
      id: 'status',
      status: 'failed',
      message: 'The credential has been revoked by its issuer.'
    })
    const { credential: c2, list: l2 } = await setup([4243])
    expect(
      (await checkCredentialStatus(c2, { now: NOW, statusListResolver: async () => l2 })).status
    ).toBe('passed')
  })

  it('no resolver → skipped; list not available or resolver throws → warning', async () => {
    const { credential } = await setup()
    expect(await checkCredentialStatus(credential)).toEqual({
      id: 'status',
      status: 'skipped',
      message: 'No status list available offline.'
    })
    expect(
      (await checkCredentialStatus(credential, { statusListResolver: async () => undefined }))
        .status
    ).toBe('warning')
    const throwing = async (): Promise<unknown> => {
      throw new Error('offline')
    }
    expect((await checkCredentialStatus(credential, { statusListResolver: throwing })).status).toBe(
      'warning'
    )
  })

  it('a suspension list cannot answer a revocation entry', async () => {
    const { issuer, credential } = await setup()
    const list = await signedStatusList(issuer, [4242], 'suspension')
    const result = await checkCredentialStatus(credential, {
      now: NOW,
      statusListResolver: async () => list
    })
    expect(result.status).toBe('failed')
    expect(result.message).toContain('not a revocation list')
  })

  it('an index outside the list, or a list shorter than 16 KB, fails', async () => {
    const { issuer, credential, list } = await setup()
    const outside = {
      ...credential,
      credentialStatus: { ...credential.credentialStatus, statusListIndex: '131072' }
    }
    const r1 = await checkCredentialStatus(outside, {
      now: NOW,
      statusListResolver: async () => list
    })
    expect(r1.status).toBe('failed')
    const short = await signDocument(
      unsignedStatusList(issuer.profile.id, encodeList([], 8 * 1024)),
      { verificationMethod: issuer.vm, created: '2025-01-01T00:00:00Z' },
      issuer.signer
    )
    const r2 = await checkCredentialStatus(credential, {
      now: NOW,
      statusListResolver: async () => short
    })
    expect(r2.status).toBe('failed')
    expect(r2.message).toMatch(/too short/)
  })

  it('no credentialStatus or another status type → skipped', async () => {
    const { credential } = await setup()
    const { credentialStatus: _omit, ...none } = credential
    expect((await checkCredentialStatus(none)).status).toBe('skipped')
    const vcrl = {
      ...credential,
      credentialStatus: { id: LIST_URL, type: '1EdTechRevocationList' }
    }
    const result = await checkCredentialStatus(vcrl, { statusListResolver: async () => ({}) })
    expect(result.status).toBe('skipped')
    expect(result.message).toContain('1EdTechRevocationList')
  })
})
