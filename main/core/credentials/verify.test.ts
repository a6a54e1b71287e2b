import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import type { VerificationReport } from '../../../shared/types.js'
import { buildOpenBadgeCredential, replacesDescription } from './build-credential.js'
import { canonizeFull } from './canonicalize.js'
import { signDocument } from './data-integrity.js'
import { resolveKeyOffline } from './proof-check.js'
import { baseInput, newIssuer, signCredential, signedStatusList } from './test-kit.js'
import { variants } from './variants.js'
import { verifyCredential } from './verify.js'

const NOW = new Date('2025-06-01T00:00:00Z')

function statusOf(report: VerificationReport, id: string): string | undefined {
  return report.checks.find((c) => c.id === id)?.status
}

function messageOf(report: VerificationReport, id: string): string {
  return report.checks.find((c) => c.id === id)?.message ?? ''
}

function clone<T>(value: T): T {
  return structuredClone(value)
}

describe('verifyCredential: Kiln credentials', () => {
  for (const kind of ['web', 'key'] as const) {
    it(`signs and verifies every variant (${kind} issuer)`, async () => {
      const issuer = newIssuer(kind)
      for (const { label, input } of variants(issuer.profile)) {
        const signed = await signCredential(issuer, input)
        const now = new Date(Date.parse(input.award.validFrom) + 1000)
        const report = await verifyCredential(signed, { now })
        expect(
          report.checks.map((c) => [c.id, c.status]),
          label
        ).toEqual([
          ['parse', 'passed'],
          ['schema', 'passed'],
          ['proof', 'passed'],
          ['issuer', 'passed'],
          ['dates', 'passed'],
          ['status', 'skipped']
        ])
        expect(report.valid).toBe(true)
        expect(report.credentialId).toBe(signed.id)
        expect(report.issuerId).toBe(issuer.profile.id)
        expect(report.name).toBe(input.badge.content.name)
      }
    })
  }

  it('every variant is valid JSON-LD in safe mode (full jsonld canonicalization)', async () => {
    const issuer = newIssuer()
    for (const { label, input } of variants(issuer.profile)) {
      const nquads = await canonizeFull(buildOpenBadgeCredential(input))
      expect(nquads.length, label).toBeGreaterThan(0)
    }
    // …and the check can fail: an undefined term is rejected.
    const bad = {
      ...buildOpenBadgeCredential(baseInput(issuer.profile)),
      replaces: 'https://x.org/c/1'
    }
    await expect(canonizeFull(bad)).rejects.toThrow()
  })

  it('expresses `replaces` as the credential description, inside the signature', async () => {
    const issuer = newIssuer()
    const base = baseInput(issuer.profile)
    const old = 'https://badges.example.org/credentials/awd_old'
    const signed = await signCredential(issuer, {
      ...base,
      award: { ...base.award, replaces: old }
    })
    expect(signed.description).toBe(replacesDescription(old))
    expect((await verifyCredential(signed, { now: NOW })).valid).toBe(true)
    const stripped = clone(signed) as Record<string, unknown>
    delete stripped.description
    expect(statusOf(await verifyCredential(stripped, { now: NOW }), 'proof')).toBe('failed')
  })

  it('accepts the credential as JSON text too', async () => {
    const issuer = newIssuer()
    const signed = await signCredential(issuer, baseInput(issuer.profile))
    expect((await verifyCredential(JSON.stringify(signed), { now: NOW })).valid).toBe(true)
  })
})

describe('verifyCredential: tampering', () => {
  type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  const edits: Array<[string, (d: Doc) => void]> = [
    ['credential id', (d) => (d.id = d.id + 'x')],
    ['issuer name', (d) => (d.issuer.name = 'Evil Corp')],
    ['validFrom', (d) => (d.validFrom = '2025-03-01T10:00:01Z')],
    ['validUntil added', (d) => (d.validUntil = '2099-01-01T00:00:00Z')],
    ['badge name', (d) => (d.name = 'Other')],
    ['recipient name', (d) => (d.credentialSubject.name = 'Mallory')],
    [
      'identity hash',
      (d) => (d.credentialSubject.identifier[0].identityHash = 'sha256$' + '0'.repeat(64))
    ],
    ['salt', (d) => (d.credentialSubject.identifier[0].salt = 'other')],
    ['achievement description', (d) => (d.credentialSubject.achievement.description += '!')],
    ['achievement version', (d) => (d.credentialSubject.achievement.version = '2')],
    ['criteria', (d) => (d.credentialSubject.achievement.criteria.narrative = 'nothing')],
    ['narrative added', (d) => (d.credentialSubject.narrative = 'x')],
    ['status index', (d) => (d.credentialStatus.statusListIndex = '1')],
    [
      'status list URL',
      (d) => (d.credentialStatus.statusListCredential = 'https://evil.example/list.json')
    ],
    ['awardedDate', (d) => (d.awardedDate = '2020-01-01T00:00:00Z')],
    ['proof created', (d) => (d.proof[0].created = '2025-03-01T10:00:01Z')],
    ['proofValue', (d) => (d.proof[0].proofValue = d.proof[0].proofValue.slice(0, -2) + '11')]
  ]

  for (const [what, edit] of edits) {
    it(`detects a changed ${what}`, async () => {
      const issuer = newIssuer()
      const signed = await signCredential(issuer, baseInput(issuer.profile))
      const tampered = clone(signed) as Doc
      edit(tampered)
      const report = await verifyCredential(tampered, { now: NOW })
      expect(statusOf(report, 'proof')).toBe('failed')
      expect(report.valid).toBe(false)
    })
  }

  it('fails when signed by another key (verification method swapped)', async () => {
    const issuer = newIssuer()
    const other = newIssuer()
    const signed = await signCredential(issuer, baseInput(issuer.profile))
    const swapped = clone(signed)
    const [proof] = swapped.proof
    if (!proof) throw new Error('no proof')
    proof.verificationMethod = other.vm
    expect(statusOf(await verifyCredential(swapped, { now: NOW }), 'proof')).toBe('failed')
  })

  it('fails the issuer check when the key belongs to someone else', async () => {
    const issuer = newIssuer()
    const impostor = newIssuer('key')
    const unsigned = buildOpenBadgeCredential(baseInput(issuer.profile))
    const signed = await signDocument(
      unsigned,
      { verificationMethod: impostor.vm, created: '2025-03-01T10:00:00Z' },
      impostor.signer
    )
    const report = await verifyCredential(signed, { now: NOW })
    expect(statusOf(report, 'proof')).toBe('passed')
    expect(statusOf(report, 'issuer')).toBe('failed')
    expect(messageOf(report, 'issuer')).toContain(impostor.profile.id)
    expect(report.valid).toBe(false)
  })

  it('cannot resolve a key that is not in the verification method', async () => {
    const issuer = newIssuer()
    const unsigned = buildOpenBadgeCredential(baseInput(issuer.profile))
    const signed = await signDocument(
      unsigned,
      { verificationMethod: `${issuer.profile.id}#key-1`, created: '2025-03-01T10:00:00Z' },
      issuer.signer
    )
    const report = await verifyCredential(signed, { now: NOW })
    expect(statusOf(report, 'proof')).toBe('failed')
    expect(messageOf(report, 'proof')).toContain('cannot resolve key offline')
    expect(statusOf(report, 'issuer')).toBe('skipped')
  })
})

describe('verifyCredential: dates', () => {
  it('is not yet valid before validFrom, and expired after validUntil', async () => {
    const issuer = newIssuer()
    const base = baseInput(issuer.profile)
    const signed = await signCredential(issuer, {
      ...base,
      award: {
        ...base.award,
        validFrom: '2025-03-01T10:00:00Z',
        validUntil: '2026-03-01T10:00:00Z'
      }
    })
    const early = await verifyCredential(signed, { now: new Date('2025-03-01T09:59:59Z') })
    expect(statusOf(early, 'dates')).toBe('failed')
    expect(messageOf(early, 'dates')).toMatch(/not yet valid/i)
    expect(early.valid).toBe(false)

    const late = await verifyCredential(signed, { now: new Date('2026-03-01T10:00:01Z') })
    expect(statusOf(late, 'dates')).toBe('failed')
    expect(messageOf(late, 'dates')).toBe('Expired on 2026-03-01T10:00:00Z.')
    expect(late.valid).toBe(false)
    expect(statusOf(late, 'proof')).toBe('passed')

    const inside = await verifyCredential(signed, { now: new Date('2026-03-01T10:00:00Z') })
    expect(statusOf(inside, 'dates')).toBe('passed')
  })
})

describe('verifyCredential: recipient', () => {
  it('matches the right e-mail, ignoring case and surrounding spaces; rejects others', async () => {
    const issuer = newIssuer()
    const base = baseInput(issuer.profile)
    const signed = await signCredential(issuer, {
      ...base,
      recipient: { ...base.recipient, email: 'Ada@Example.org' }
    })
    for (const email of ['ada@example.org', '  ADA@EXAMPLE.ORG\t']) {
      const report = await verifyCredential(signed, { now: NOW, email })
      expect(statusOf(report, 'recipient'), email).toBe('passed')
      expect(report.valid).toBe(true)
    }
    const wrong = await verifyCredential(signed, { now: NOW, email: 'eve@example.org' })
    expect(statusOf(wrong, 'recipient')).toBe('failed')
    expect(wrong.valid).toBe(false)
  })

  it('has no recipient check when no e-mail is given', async () => {
    const issuer = newIssuer()
    const signed = await signCredential(issuer, baseInput(issuer.profile))
    const report = await verifyCredential(signed, { now: NOW })
    expect(report.checks.some((c) => c.id === 'recipient')).toBe(false)
  })
})

describe('verifyCredential: revocation through a status list', () => {
  it('reports revoked when the bit is set, active when not', async () => {
    const issuer = newIssuer()
    const signed = await signCredential(issuer, baseInput(issuer.profile)) // index 4242
    const revokedList = await signedStatusList(issuer, [4242])
    const report = await verifyCredential(signed, {
      now: NOW,
      statusListResolver: async () => revokedList
    })
    expect(statusOf(report, 'status')).toBe('failed')
    expect(messageOf(report, 'status')).toMatch(/revoked/)
    expect(report.valid).toBe(false)

    const activeList = await signedStatusList(issuer, [4241, 4243, 0])
    const ok = await verifyCredential(signed, {
      now: NOW,
      statusListResolver: async () => activeList
    })
    expect(statusOf(ok, 'status')).toBe('passed')
    expect(ok.valid).toBe(true)
  })

  it('asks the resolver for the credential’s statusListCredential', async () => {
    const issuer = newIssuer()
    const signed = await signCredential(issuer, baseInput(issuer.profile))
    const asked: string[] = []
    await verifyCredential(signed, {
      now: NOW,
      statusListResolver: async (url) => (asked.push(url), undefined)
    })
    expect(asked).toEqual([signed.credentialStatus.statusListCredential])
  })
})

describe('verifyCredential: bad input never throws', () => {
  const inputs: unknown[] = [
    undefined,
    null,
    42,
    'not json',
    '[]',
    [],
    {},
    { type: 'VerifiableCredential' },
    { '@context': 5, type: ['VerifiableCredential', 'OpenBadgeCredential'] }
  ]
  for (const input of inputs) {
    it(`reports parse failed for ${JSON.stringify(input) ?? 'undefined'}`, async () => {
      const report = await verifyCredential(input)
      expect(report.valid).toBe(false)
      expect(report.checks[0]).toMatchObject({ id: 'parse', status: 'failed' })
    })
  }

  it('survives an OB-shaped object with junk everywhere', async () => {
    const junk = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: 7,
      validFrom: 'soon',
      credentialSubject: 'x',
      credentialStatus: { type: 'BitstringStatusListEntry', statusListIndex: 'abc' },
      proof: [
        {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          proofPurpose: 'assertionMethod',
          verificationMethod: 'did:key:zzz',
          proofValue: 'z1'
        }
      ]
    }
    const report = await verifyCredential(junk, {
      now: NOW,
      email: 'a@b.c',
      statusListResolver: async () => ({})
    })
    expect(report.valid).toBe(false)
    expect(report.checks.map((c) => c.id)).toEqual([
      'parse',
      'schema',
      'proof',
      'issuer',
      'dates',
      'status',
      'recipient'
    ])
    for (const id of ['schema', 'proof', 'issuer', 'dates', 'status', 'recipient']) {
      expect(statusOf(report, id), id).toBe('failed')
    }
  })
})

describe('verifyCredential: 1EdTech fixtures', () => {
  const read = (name: string): unknown =>
    JSON.parse(fs.readFileSync(vendorFile('vectors', '1edtech-ob-v3p0', name), 'utf8'))

  it('validator fixture simple.json: valid (key in the https verification method fragment)', async () => {
    const report = await verifyCredential(read('validator-fixture-simple.json'))
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['parse', 'passed'],
      ['schema', 'passed'],
      ['proof', 'passed'],
      ['issuer', 'passed'],
      ['dates', 'passed'],
      ['status', 'skipped']
    ])
    expect(report.valid).toBe(true)
  })

  it('spec vector signed-credential.json: proof passes; schema only warns (proof is a single object)', async () => {
    const report = await verifyCredential(read('signed-credential.json'))
    expect(statusOf(report, 'proof')).toBe('passed')
    expect(statusOf(report, 'issuer')).toBe('passed')
    expect(statusOf(report, 'schema')).toBe('warning')
    expect(messageOf(report, 'schema')).toContain('/proof must be array')
    expect(report.valid).toBe(true)
  })

  it('the spec vector fails if anything in it changes', async () => {
    const doc = read('signed-credential.json') as {
      credentialSubject: { achievement: { name: string } }
    }
    doc.credentialSubject.achievement.name = 'Teamwork!'
    expect(statusOf(await verifyCredential(doc), 'proof')).toBe('failed')
  })

  it('resolves keys offline from the fragment or from did:key', () => {
    const https = resolveKeyOffline(
      'https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'
    )
    expect(https.ok && Buffer.from(https.publicKey).toString('hex')).toBe(
      '4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5'
    )
    expect(https.ok && https.controller).toBe('https://example.edu/issuers/565049')
    const didKey = resolveKeyOffline('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi')
    expect(didKey.ok && didKey.controller).toBe(
      'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'
    )
    expect(
      resolveKeyOffline(
        'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'
      ).ok
    ).toBe(false)
    expect(resolveKeyOffline('did:web:example.org#key-1').ok).toBe(false)
    expect(resolveKeyOffline('https://example.org/keys/1').ok).toBe(false)
  })

  it('did:key fixture: proof passes, but its key controller is not its urn:uuid issuer', async () => {
    const report = await verifyCredential(read('validator-fixture-simple-did-key-method.json'))
    expect(statusOf(report, 'proof')).toBe('passed')
    expect(statusOf(report, 'issuer')).toBe('failed')
  })
})

describe('verifyCredential: is the key published by the issuer?', () => {
  function didDocument(did: string, vm: string, multibase: string, assert = true) {
    return {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: vm, type: 'Multikey', controller: did, publicKeyMultibase: multibase }
      ],
      assertionMethod: assert ? [vm] : []
    }
  }

  it('passes when did.json lists the key as an assertionMethod (asked at the did:web URL)', async () => {
    const issuer = newIssuer('web')
    const signed = await signCredential(issuer, baseInput(issuer.profile))
    const multibase = issuer.vm.split('#')[1] ?? ''
    const asked: string[] = []
    const report = await verifyCredential(signed, {
      now: NOW,
      issuerDocumentResolver: async (url) => {
        asked.push(url)
        return didDocument(issuer.profile.id, issuer.vm, multibase)
      }
    })
    expect(asked).toEqual(['https://badges.example.org/.well-known/did.json'])
    expect(statusOf(report, 'issuer')).toBe('passed')
    expect(messageOf(report, 'issuer')).toContain('publishes')
  })

  it('fails for a key the issuer does not publish (an impostor naming its own key)', async () => {
    const issuer = newIssuer('web')
    const impostor = newIssuer('web') // same did:web, different key
    const signed = await signCredential(impostor, baseInput(issuer.profile))
    const realMultibase = issuer.vm.split('#')[1] ?? ''
    const report = await verifyCredential(signed, {
      now: NOW,
      issuerDocumentResolver: async () => didDocument(issuer.profile.id, issuer.vm, realMultibase)
    })
    expect(statusOf(report, 'proof')).toBe('passed')
    expect(statusOf(report, 'issuer')).toBe('failed')
    expect(report.valid).toBe(false)
    // Without the document, offline, the impostor cannot be told apart: reported, not hidden.
    const offline = await verifyCredential(signed, { now: NOW })
    expect(messageOf(offline, 'issuer')).toContain('not looked up')
  })

  it('fails when the key is listed but not for assertionMethod, or under another key', async () => {
    const issuer = newIssuer('web')
    const signed = await signCredential(issuer, baseInput(issuer.profile))
    const multibase = issuer.vm.split('#')[1] ?? ''
    const noAssert = await verifyCredential(signed, {
      now: NOW,
      issuerDocumentResolver: async () =>
        didDocument(issuer.profile.id, issuer.vm, multibase, false)
    })
    expect(statusOf(noAssert, 'issuer')).toBe('failed')
    const other = newIssuer('key').vm.split('#')[1] ?? ''
    const wrongKey = await verifyCredential(signed, {
      now: NOW,
      issuerDocumentResolver: async () => didDocument(issuer.profile.id, issuer.vm, other)
    })
    expect(statusOf(wrongKey, 'issuer')).toBe('failed')
  })

  it('passes, saying it did not look, when the document is not available', async () => {
    const issuer = newIssuer('web')
    const signed = await signCredential(issuer, baseInput(issuer.profile))
    const report = await verifyCredential(signed, {
      now: NOW,
      issuerDocumentResolver: async () => undefined
    })
    expect(statusOf(report, 'issuer')).toBe('passed')
    expect(messageOf(report, 'issuer')).toContain(
      'not looked up in https://badges.example.org/.well-known/did.json'
    )
  })
})
