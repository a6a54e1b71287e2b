import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import {
  canonize,
  canonizeFast,
  canonizeFastResult,
  canonizeFull,
  describeCanonizeError
} from './canonicalize.js'
import { OB_CREDENTIAL_CONTEXT, VC_V2, createDocumentLoader } from './contexts.js'
import { sampleCredential, sampleStatusListCredential } from './sample-credentials.test-support.js'

const TOTAL = 3000
const CHUNK = 250

/** Fast-or-collision path output vs jsonld + rdf-canonize, byte for byte. */
async function compare(doc: object): Promise<'canonical' | 'collision' | 'unsupported'> {
  const full = await canonizeFull(doc)
  const fast = canonizeFastResult(doc)
  if (fast.kind === 'canonical') {
    if (fast.nquads !== full) throw new Error(`fast != full for ${JSON.stringify(doc)}`)
  } else {
    const viaCanonize = await canonize(doc)
    if (viaCanonize !== full) throw new Error(`canonize != full for ${JSON.stringify(doc)}`)
  }
  return fast.kind
}

describe('fast canonicalization is byte-identical to the full RDFC-1.0 path', () => {
  const tally = { canonical: 0, collision: 0, unsupported: 0 }

  for (let start = 0; start < TOTAL; start += CHUNK) {
    it(
      `generated OpenBadgeCredentials ${start}..${start + CHUNK - 1}`,
      { timeout: 120_000 },
      async () => {
        for (let i = start; i < start + CHUNK; i++) {
          tally[await compare(sampleCredential(i, 2024))]++
        }
      }
    )
  }

  it('took the first-degree path for most and the collision path for some', () => {
    expect(tally.canonical + tally.collision + tally.unsupported).toBe(TOTAL)
    expect(tally.unsupported).toBe(0)
    expect(tally.collision).toBeGreaterThan(TOTAL * 0.05)
    expect(tally.canonical).toBeGreaterThan(TOTAL * 0.8)
  })

  it('two identical alignments collide and still match', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await compare(sampleCredential(i, 5, { forceCollision: true }))).toBe('collision')
    }
  })

  it('status list credentials take the fast path', async () => {
    for (let i = 0; i < 40; i++) {
      expect(await compare(sampleStatusListCredential(i))).toBe('canonical')
    }
  })

  it('numbers follow jsonld canonicalisation (xsd:float, integers, doubles)', async () => {
    const values = [0, 1, -1, 7.0, 2.5, 0.1 + 0.2, 1e-7, 5e-324, 123456789, 1e21, 1.5e300, -0.0]
    for (const creditsAvailable of values) {
      const doc = sampleCredential(3, 9) as { credentialSubject: { achievement: object } }
      doc.credentialSubject.achievement = { ...doc.credentialSubject.achievement, creditsAvailable }
      expect(await compare(doc)).toBe('canonical')
    }
    const statusSize = { ...(sampleCredential(4, 9) as Record<string, unknown>) }
    statusSize.credentialStatus = {
      id: 'https://x.example/s#1',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '1',
      statusListCredential: 'https://x.example/s',
      statusSize: 2
    }
    expect(await compare(statusSize)).toBe('canonical')
  })

  it('repeated values: merged within an array, handed to the full algorithm across nodes', async () => {
    const doc = sampleCredential(10, 9, { noCollision: true }) as {
      issuer: object
      credentialSubject: { achievement: Record<string, unknown> }
    }
    doc.credentialSubject.achievement.tag = ['same', 'same', 'other', 'same']
    expect(await compare(doc)).toBe('canonical')
    // The same issuer node given twice (as creator too) repeats its triples.
    doc.credentialSubject.achievement.creator = structuredClone(doc.issuer)
    expect(await compare(doc)).toBe('collision')
  })

  it('strings with every escape class match', async () => {
    const nasty = 'a"b\\c\nd\re\tf\bg\fh\u0000i\u001fj\u007fk\u0080l\u2028m\ud83d\ude00n'
    const doc = sampleCredential(6, 9) as Record<string, unknown>
    doc.name = nasty
    expect(await compare(doc)).toBe('canonical')
  })
})

describe('fall back and refusal', () => {
  const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2'
  const examples = JSON.parse(
    fs.readFileSync(vendorFile('vectors', 'contexts', 'w3c-credentials-examples-v2.jsonld'), 'utf8')
  ) as object
  const loader = createDocumentLoader({ [EXAMPLES_V2]: examples })

  it('a context with @vocab is outside the fast subset and goes through jsonld', async () => {
    const dir = vendorFile('vectors', 'w3c-vc-di-eddsa', 'TestVectors')
    const unsigned = JSON.parse(fs.readFileSync(`${dir}/unsigned.json`, 'utf8')) as object
    expect(canonizeFastResult(unsigned, loader).kind).toBe('unsupported')
    expect(await canonize(unsigned, loader)).toBe(
      fs.readFileSync(`${dir}/eddsa-rdfc-2022/canonDocDataInt.txt`, 'utf8')
    )
  })

  it('embedded contexts, blank node ids, relative IRIs and @json fall back and match', async () => {
    const base = sampleCredential(8, 9) as Record<string, unknown>
    const variants: object[] = [
      { ...base, credentialSubject: { ...(base.credentialSubject as object), '@context': {} } },
      { ...base, id: '_:b0' },
      {
        '@context': [VC_V2],
        type: ['VerifiableCredential', 'JsonSchemaCredential'],
        issuer: 'did:web:x.example',
        validFrom: '2025-01-01T00:00:00Z',
        credentialSubject: { type: 'JsonSchema', jsonSchema: { b: 1, a: [true, null] } }
      }
    ]
    for (const doc of variants) {
      expect(canonizeFast(doc)).toBeNull()
      expect(await canonize(doc)).toBe(await canonizeFull(doc))
    }
  })

  it('undefined terms and relative ids are refused (safe mode), with a readable reason', async () => {
    const base = sampleCredential(9, 9) as Record<string, unknown>
    await expect(canonize({ ...base, extra: 'x' })).rejects.toSatisfy((e: unknown) =>
      describeCanonizeError(e).includes('"extra"')
    )
    await expect(canonize({ ...base, id: 'relative/id' })).rejects.toSatisfy((e: unknown) =>
      describeCanonizeError(e).includes('"relative/id"')
    )
  })

  it('unknown contexts are refused without fetching', async () => {
    const doc = {
      ...(sampleCredential(1) as object),
      '@context': [...OB_CREDENTIAL_CONTEXT, 'https://evil.example/c']
    }
    await expect(canonize(doc)).rejects.toSatisfy((e: unknown) =>
      /https:\/\/evil\.example\/c" is not one Kiln ships offline/.test(describeCanonizeError(e))
    )
  })
})
