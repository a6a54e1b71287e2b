import fs from 'node:fs'
import type { JsonLdDocument, Options } from 'jsonld'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import type { BadgeContent } from '../../../shared/types.js'
import { vendorFile } from '../../../test/vendor-paths.js'
import { KilnFailure } from '../failure.js'
import {
  OB2_CONTEXT,
  identityHash,
  ob2AssertionJson,
  ob2BadgeClassJson,
  ob2IssuerJson,
  ob2RevokedAssertionJson
} from './hosted.js'

type RemoteDocument = Awaited<ReturnType<NonNullable<Options.Expand['documentLoader']>>>

const site = 'https://badges.example.org/club'

const content: BadgeContent = {
  name: 'Kiln Safety',
  description: 'Can load and fire a kiln safely.',
  criteria: { narrative: 'Completed the safety course.' },
  tags: ['ceramics', 'safety'],
  achievementType: 'Badge',
  alignments: [
    {
      targetName: 'ISO 13732',
      targetUrl: 'https://www.iso.org/standard/43558.html',
      targetCode: '13732'
    }
  ],
  expiry: { kind: 'never' }
}

const issuer = ob2IssuerJson({
  siteUrl: site,
  name: 'Pottery Club',
  url: 'https://example.org',
  email: 'Info@Example.org'
})
const badge = ob2BadgeClassJson({
  siteUrl: site,
  badgeId: 'kiln-safety',
  content,
  imageUrl: `${site}/images/kiln-safety.png`
})
const assertion = ob2AssertionJson({
  siteUrl: site,
  awardId: '0b5c3c1e-8d0a-4c57-9a4e-2f3f1c1d2e3f',
  badgeId: 'kiln-safety',
  email: '  A@Example.COM ',
  salt: 'Kosher',
  issuedOn: '2026-11-29T10:00:00Z',
  expires: '2028-11-29T10:00:00Z',
  evidenceUrl: 'https://example.org/evidence/1'
})

/** Loads only the OB 2.0 context, from the local copy. */
const ob2Context: unknown = JSON.parse(
  fs.readFileSync(vendorFile('vectors', 'contexts', '1edtech-ob-v2p0-context.json'), 'utf8')
)
async function documentLoader(url: string): Promise<RemoteDocument> {
  if (url !== OB2_CONTEXT) throw new Error(`unexpected context ${url}`)
  return {
    contextUrl: undefined,
    documentUrl: url,
    document: ob2Context as RemoteDocument['document']
  }
}

async function expandSafely(doc: unknown): Promise<unknown> {
  // safe mode throws when a property or type would be dropped for lack of a term definition
  return jsonld.expand(doc as JsonLdDocument, { documentLoader, safe: true } as Options.Expand)
}

describe('OB 2.0 hosted-verification JSON', () => {
  it('Issuer has id, type, name, url, email (§3.1)', () => {
    expect(issuer).toEqual({
      '@context': OB2_CONTEXT,
      id: 'https://badges.example.org/club/ob2/issuer.json',
      type: 'Issuer',
      name: 'Pottery Club',
      url: 'https://example.org',
      email: 'info@example.org'
    })
  })

  it('BadgeClass has id, type, name, description, image, criteria, issuer; tags and alignment', () => {
    expect(badge).toEqual({
      '@context': OB2_CONTEXT,
      id: 'https://badges.example.org/club/ob2/badges/kiln-safety.json',
      type: 'BadgeClass',
      name: 'Kiln Safety',
      description: 'Can load and fire a kiln safely.',
      image: 'https://badges.example.org/club/images/kiln-safety.png',
      criteria: { narrative: 'Completed the safety course.' },
      issuer: issuer['id'],
      tags: ['ceramics', 'safety'],
      alignment: [
        {
          targetName: 'ISO 13732',
          targetUrl: 'https://www.iso.org/standard/43558.html',
          targetCode: '13732'
        }
      ]
    })
  })

  it('criteria: a URL alone is an IRI, URL + narrative is an object, neither is refused', () => {
    const withUrl = (criteria: BadgeContent['criteria']) =>
      ob2BadgeClassJson({
        siteUrl: site,
        badgeId: 'b',
        content: { ...content, criteria },
        imageUrl: 'https://x/i.png'
      })['criteria']
    expect(withUrl({ url: 'https://example.org/c' })).toBe('https://example.org/c')
    expect(withUrl({ url: 'https://example.org/c', narrative: 'n' })).toEqual({
      id: 'https://example.org/c',
      narrative: 'n'
    })
    expect(() => withUrl({})).toThrow(KilnFailure)
  })

  it('Assertion has id, type, recipient, badge, verification, issuedOn (§3.1)', () => {
    expect(assertion).toEqual({
      '@context': OB2_CONTEXT,
      id: 'https://badges.example.org/club/ob2/assertions/0b5c3c1e-8d0a-4c57-9a4e-2f3f1c1d2e3f.json',
      type: 'Assertion',
      recipient: {
        type: 'email',
        hashed: true,
        salt: 'Kosher',
        // §1.6 spec example: SHA-256('a@example.com' + 'Kosher'); the e-mail was trimmed + lower-cased
        identity: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399'
      },
      badge: badge['id'],
      verification: { type: 'hosted' },
      issuedOn: '2026-11-29T10:00:00Z',
      expires: '2028-11-29T10:00:00Z',
      evidence: 'https://example.org/evidence/1'
    })
  })

  it("identity hash: SHA-256('mayze') example (§3.1) when there is no salt; no salt property then", () => {
    expect(identityHash('mayze', '')).toBe(
      'sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6'
    )
    const unsalted = ob2AssertionJson({
      siteUrl: site,
      awardId: 'a1',
      badgeId: 'b1',
      email: 'x@y.z',
      salt: '',
      issuedOn: '2026-01-01T00:00:00Z'
    })
    expect(unsalted['recipient']).toEqual({
      type: 'email',
      hashed: true,
      identity: identityHash('x@y.z', '')
    })
  })

  it('revoked assertion keeps the id and says why', () => {
    expect(
      ob2RevokedAssertionJson({ siteUrl: `${site}/`, awardId: 'a1', reason: 'Issued in error' })
    ).toEqual({
      '@context': OB2_CONTEXT,
      id: 'https://badges.example.org/club/ob2/assertions/a1.json',
      type: 'Assertion',
      revoked: true,
      revocationReason: 'Issued in error'
    })
  })

  it('every id is under the site URL, on the issuer id origin (default hosted scope, §3.2)', () => {
    const origin = new URL(String(issuer['id'])).origin
    for (const doc of [issuer, badge, assertion]) {
      const id = String(doc['id'])
      expect(id.startsWith(`${site}/ob2/`)).toBe(true)
      expect(new URL(id).origin).toBe(origin)
    }
  })

  it('is deterministic', () => {
    const again = ob2AssertionJson({
      siteUrl: `${site}/`,
      awardId: '0b5c3c1e-8d0a-4c57-9a4e-2f3f1c1d2e3f',
      badgeId: 'kiln-safety',
      email: 'a@example.com',
      salt: 'Kosher',
      issuedOn: '2026-11-29T10:00:00Z',
      expires: '2028-11-29T10:00:00Z',
      evidenceUrl: 'https://example.org/evidence/1'
    })
    expect(JSON.stringify(again)).toBe(JSON.stringify(assertion))
  })

  it('every property is defined by the OB 2.0 context (JSON-LD safe-mode expansion)', async () => {
    for (const doc of [
      issuer,
      badge,
      assertion,
      ob2RevokedAssertionJson({ siteUrl: site, awardId: 'a1', reason: 'r' })
    ]) {
      await expect(expandSafely(doc)).resolves.toBeDefined()
    }
    await expect(expandSafely({ ...assertion, notATerm: 1 })).rejects.toThrow() // the check can fail
  })

  it('refuses unsafe ids, bad e-mails, dates without zone and non-http site URLs', () => {
    const base = {
      siteUrl: site,
      awardId: 'a1',
      badgeId: 'b1',
      email: 'x@y.z',
      salt: 's',
      issuedOn: '2026-01-01T00:00:00Z'
    }
    expect(() => ob2AssertionJson({ ...base, awardId: '../x' })).toThrow(/awardId/)
    expect(() => ob2AssertionJson({ ...base, email: 'nobody' })).toThrow(/email/)
    expect(() => ob2AssertionJson({ ...base, issuedOn: '2026-01-01' })).toThrow(/issuedOn/)
    expect(() => ob2AssertionJson({ ...base, siteUrl: 'ftp://x.org/' })).toThrow(/siteUrl/)
  })
})
