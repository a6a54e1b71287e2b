/**
 * The fast canonicaliser is proven on a fuzzed corpus against the reference (jsonld +
 * rdf-canonize): arbitrary documents in Kiln's own shape — every optional field present or
 * not, strings in all scripts (and controls, quotes, bidi characters), odd numbers and IRIs —
 * give identical N-Quads and identical signatures. Documents outside that shape go through
 * the reference (issue 13 item 14, issue 15 item 7).
 */
import fs from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { signerFromSeed } from '../keys/ed25519.js'
import {
  canonize,
  canonizeFastResult,
  canonizeFull,
  describeCanonizeError
} from './canonicalize.js'
import {
  always,
  byOrigin,
  fastCanonicaliser,
  referenceCanonicaliser,
  type Canonicaliser
} from './canonicaliser.js'
import { OB_CREDENTIAL_CONTEXT, documentLoader } from './contexts.js'
import {
  proofHashes,
  proofOptionsFor,
  signDocument,
  verifyDocumentProof
} from './data-integrity.js'
import { isKilnShaped } from './kiln-shape.js'
import { resolveKeyOffline } from './proof-check.js'
import { kilnShaped } from './kiln-shape.test-support.js'
import { baseInput, newIssuer, signCredential } from './test-kit.js'
import { verifyCredential } from './verify.js'

type Outcome = { nquads: string } | { error: string }

async function outcome(c: Canonicaliser, doc: object): Promise<Outcome> {
  try {
    return { nquads: await c.canonize(doc, documentLoader) }
  } catch (e) {
    return { error: describeCanonizeError(e) }
  }
}

const signer = signerFromSeed(Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 3) & 0xff))
const VM = 'did:web:badges.example.org#key-1'

describe('the fast canonicaliser on a fuzzed corpus of Kiln-shaped documents', () => {
  it(
    'gives the same N-Quads as the reference (or the same refusal)',
    { timeout: 300_000 },
    async () => {
      const tally = { canonical: 0, collision: 0, unsupported: 0 }
      await fc.assert(
        fc.asyncProperty(kilnShaped, async (doc) => {
          tally[canonizeFastResult(doc).kind]++
          expect(isKilnShaped(doc)).toBe(true)
          expect(byOrigin(doc)).toBe(fastCanonicaliser)
          const fast = await outcome(fastCanonicaliser, doc)
          const reference = await outcome(referenceCanonicaliser, doc)
          if ('nquads' in reference && 'nquads' in fast) expect(fast.nquads).toBe(reference.nquads)
          else expect('error' in fast && 'error' in reference).toBe(true)
        }),
        { numRuns: 300 }
      )
      // The corpus exercises the fast path itself, not only its fall backs.
      expect(tally.canonical).toBeGreaterThan(300 * 0.6)
    }
  )

  it(
    'gives identical signatures, and each verifies through either path',
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(kilnShaped, async (doc) => {
          const options = proofOptionsFor({
            verificationMethod: VM,
            created: '2026-01-15T10:00:00Z'
          })
          let fast: Uint8Array
          try {
            fast = (await proofHashes(doc, options, documentLoader, always(fastCanonicaliser)))
              .hashData
          } catch {
            // Not valid JSON-LD (e.g. a relative id): the reference refuses it as well.
            await expect(
              proofHashes(doc, options, documentLoader, always(referenceCanonicaliser))
            ).rejects.toBeDefined()
            return
          }
          const reference = (
            await proofHashes(doc, options, documentLoader, always(referenceCanonicaliser))
          ).hashData
          expect(Buffer.from(signer.sign(fast)).toString('hex')).toBe(
            Buffer.from(signer.sign(reference)).toString('hex')
          )
          const signed = await signDocument(
            doc,
            { verificationMethod: VM, created: options.created },
            signer
          )
          for (const canonicaliser of [always(referenceCanonicaliser), byOrigin]) {
            expect(
              (await verifyDocumentProof(signed, signer.publicKey, { canonicaliser })).ok
            ).toBe(true)
          }
        }),
        { numRuns: 150 }
      )
    }
  )
})

describe('credentials Kiln did not sign are canonicalised by the reference', () => {
  const vector = (name: string): Record<string, unknown> =>
    JSON.parse(fs.readFileSync(vendorFile('vectors', '1edtech-ob-v3p0', name), 'utf8')) as Record<
      string,
      unknown
    >

  it('routes by shape: Kiln’s own to the fast path, anything else to the reference', async () => {
    const issuer = newIssuer('key')
    const signed = await signCredential(issuer, baseInput(issuer.profile))
    const { proof: _proof, ...own } = signed
    expect(byOrigin(own)).toBe(fastCanonicaliser)
    expect(byOrigin({ ...own, extra: 'x' })).toBe(referenceCanonicaliser)
    expect(
      byOrigin({ ...own, '@context': [...OB_CREDENTIAL_CONTEXT, 'https://example.org/c'] })
    ).toBe(referenceCanonicaliser)
    const { proof: _p, ...foreign } = vector('validator-fixture-simple.json')
    expect(byOrigin(foreign)).toBe(referenceCanonicaliser)
  })

  it('verifying uses the reference for a foreign credential and the fast path for Kiln’s own', async () => {
    const seen: string[] = []
    const watching = (doc: object): Canonicaliser => {
      const chosen = byOrigin(doc)
      seen.push(chosen.name)
      return chosen
    }
    const fixture = vector('validator-fixture-simple.json')
    const { publicKeyMultibase } = {
      publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'
    }
    const key = resolveKeyOffline(`did:key:${publicKeyMultibase}`)
    if (!key.ok) throw new Error(key.reason)
    expect(
      (await verifyDocumentProof(fixture, key.publicKey, { canonicaliser: watching })).ok
    ).toBe(true)
    expect(seen).toEqual(['reference'])
    seen.length = 0
    const issuer = newIssuer('key')
    const own = await signCredential(issuer, baseInput(issuer.profile))
    expect(
      (await verifyDocumentProof(own, issuer.signer.publicKey, { canonicaliser: watching })).ok
    ).toBe(true)
    expect(seen).toEqual(['fast', 'fast'])
  })

  it('verifies the 1EdTech validator fixture through the reference and agrees with the fast path', async () => {
    const fixture = vector('validator-fixture-simple.json')
    const report = await verifyCredential(fixture, { now: new Date('2025-01-01T00:00:00Z') })
    const viaReference = report.checks.find((c) => c.id === 'proof')?.status
    const { proof: _proof, ...unsecured } = fixture
    expect(await canonize(unsecured)).toBe(await canonizeFull(unsecured))
    expect(viaReference).toBe('passed')
  })
})
