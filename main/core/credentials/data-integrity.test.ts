import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { signerFromSeed, verifyEd25519 } from '../keys/ed25519.js'
import { decodePublicKeyMultibase, decodeSecretKeyMultibase } from '../keys/multikey.js'
import { createDocumentLoader } from './contexts.js'
import {
  proofHashes,
  signDocument,
  verifyDocumentProof,
  type DataIntegrityProof
} from './data-integrity.js'
import { sampleCredential } from './sample-credentials.test-support.js'

const vec = (...parts: string[]): string => vendorFile('vectors', ...parts)
const text = (path: string): string => fs.readFileSync(path, 'utf8')
const json = (path: string): Record<string, unknown> =>
  JSON.parse(text(path)) as Record<string, unknown>
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2'
const loader = createDocumentLoader({
  [EXAMPLES_V2]: json(vec('contexts', 'w3c-credentials-examples-v2.jsonld'))
})

function withoutContext(o: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...o }
  delete copy['@context']
  return copy
}

describe('W3C vc-di-eddsa eddsa-rdfc-2022 vector', () => {
  const dir = vec('w3c-vc-di-eddsa', 'TestVectors', 'eddsa-rdfc-2022')
  const keyPair = json(vec('w3c-vc-di-eddsa', 'TestVectors', 'keyPair.json'))
  const seed = decodeSecretKeyMultibase(String(keyPair.privateKeyMultibase))
  const publicKey = decodePublicKeyMultibase(String(keyPair.publicKeyMultibase))
  const unsigned = json(vec('w3c-vc-di-eddsa', 'TestVectors', 'unsigned.json'))
  const proofConfig = json(`${dir}/proofConfigDataInt.json`)
  const options = {
    verificationMethod: String(proofConfig.verificationMethod),
    created: String(proofConfig.created)
  }

  it('reproduces canonical document, canonical proof config and all three hashes', async () => {
    const h = await proofHashes(unsigned, withoutContext(proofConfig), loader)
    expect(h.canonicalDocument).toBe(text(`${dir}/canonDocDataInt.txt`))
    expect(h.canonicalProofConfig).toBe(text(`${dir}/proofCanonDataInt.txt`))
    expect(hex(h.docHash)).toBe(text(`${dir}/docHashDataInt.txt`).trim())
    expect(hex(h.proofHash)).toBe(text(`${dir}/proofHashDataInt.txt`).trim())
    expect(hex(h.hashData)).toBe(text(`${dir}/combinedHashDataInt.txt`).trim())
  })

  it('signs to the vector signature, proofValue and signed document', async () => {
    const signer = signerFromSeed(seed)
    expect(hex(signer.publicKey)).toBe(hex(publicKey))
    const signed = await signDocument(unsigned, options, signer, loader)
    expect(signed.proof).toHaveLength(1)
    const proof = signed.proof[0] as DataIntegrityProof
    expect(proof.proofValue).toBe(text(`${dir}/sigBTC58DataInt.txt`).trim())
    const expected = json(`${dir}/signedDataInt.json`)
    expect({ ...signed, proof }).toEqual(expected)
    expect(Object.keys(proof)).toEqual(Object.keys(expected.proof as object))
    const h = await proofHashes(unsigned, withoutContext(proofConfig), loader)
    expect(hex(signer.sign(h.hashData))).toBe(text(`${dir}/sigHexDataInt.txt`).trim())
    expect(unsigned).not.toHaveProperty('proof')
  })

  it('verifies the vector signed document (proof as an object)', async () => {
    const signed = json(`${dir}/signedDataInt.json`)
    const result = await verifyDocumentProof(signed, publicKey, { loader })
    expect(result).toEqual({ ok: true, proof: signed.proof })
  })

  it('enhanced employ/ example: canonical proof config, hashes and signature', async () => {
    // The document's second context (https://w3id.org/citizenship/v4rc1) is not available
    // offline, so the document's canonical form is taken from the vector; the proof config
    // only uses protected VC v2 terms, which no later context can change.
    const emp = `${dir}/employ`
    const citizenship = 'https://w3id.org/citizenship/v4rc1'
    const stubLoader = createDocumentLoader({ [citizenship]: { '@context': {} } })
    const config = json(`${emp}/proofConfigDataInt.json`)
    const h = await proofHashes(
      { '@context': config['@context'], type: ['VerifiableCredential'] },
      withoutContext(config),
      stubLoader
    )
    expect(h.canonicalProofConfig).toBe(text(`${emp}/proofCanonDataInt.txt`))
    expect(hex(h.proofHash)).toBe(text(`${emp}/proofHashDataInt.txt`).trim())
    const canonDoc = text(`${emp}/canonDocDataInt.txt`)
    const docHash = new Uint8Array(
      (await import('node:crypto')).createHash('sha256').update(canonDoc).digest()
    )
    expect(hex(docHash)).toBe(text(`${emp}/docHashDataInt.txt`).trim())
    const combined = new Uint8Array([...h.proofHash, ...docHash])
    expect(hex(combined)).toBe(text(`${emp}/combinedHashDataInt.txt`).trim())
    const signature = signerFromSeed(seed).sign(combined)
    expect(hex(signature)).toBe(text(`${emp}/sigHexDataInt.txt`).trim())
    const signed = json(`${emp}/signedDataInt.json`)
    expect((signed.proof as Record<string, unknown>).proofValue).toBe(
      text(`${emp}/sigBTC58DataInt.txt`).trim()
    )
    expect(verifyEd25519(publicKey, combined, signature)).toBe(true)
  })
})

describe('1EdTech Open Badges 3.0 linked data proof vector', () => {
  const dir = vec('1edtech-ob-v3p0')
  const kp = json(`${dir}/keypair.json`)
  const expected = json(`${dir}/expected-values.json`)
  const seed = Buffer.from(String(kp.privateKeyHex), 'hex').subarray(0, 32)
  const publicKey = decodePublicKeyMultibase(String(kp.publicKeyMultibase))
  const unsigned = json(`${dir}/unsigned-credential.json`)
  const proofOptions = json(`${dir}/proof-options.json`)

  it('reproduces both canonical forms, hashes, data to sign, signature and proofValue', async () => {
    const h = await proofHashes(unsigned, proofOptions)
    expect(h.canonicalDocument).toBe(text(`${dir}/document-canon.txt`))
    expect(h.canonicalProofConfig).toBe(text(`${dir}/proof-canon.txt`))
    expect(hex(h.docHash)).toBe(expected.documentHashHex)
    expect(hex(h.proofHash)).toBe(expected.proofHashHex)
    expect(hex(h.hashData)).toBe(expected.dataToSignHex)
    const signer = signerFromSeed(seed)
    expect(hex(signer.publicKey)).toBe(kp.publicKeyHex)
    expect(hex(signer.sign(h.hashData))).toBe(expected.signatureHex)
    const signed = await signDocument(
      unsigned,
      {
        verificationMethod: String(proofOptions.verificationMethod),
        created: String(proofOptions.created)
      },
      signer
    )
    const proof = signed.proof[0] as DataIntegrityProof
    expect(proof.proofValue).toBe(expected.proofValue)
    expect({ ...signed, proof }).toEqual(json(`${dir}/signed-credential.json`))
  })

  it.each([
    'signed-credential.json',
    'validator-fixture-simple.json',
    'validator-fixture-simple-did-web-method.json',
    'validator-fixture-simple-did-key-method.json'
  ])('verifies %s with the vector key', async (file) => {
    const result = await verifyDocumentProof(json(`${dir}/${file}`), publicKey)
    expect(result.ok).toBe(true)
  })

  it('rejects the fixture under another key', async () => {
    const other = signerFromSeed(new Uint8Array(32).fill(9)).publicKey
    const result = await verifyDocumentProof(json(`${dir}/validator-fixture-simple.json`), other)
    expect(result).toEqual({
      ok: false,
      reason: 'The signature does not match the credential and the key.'
    })
  })
})

/** Paths to every string/number/boolean leaf of a JSON value. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
  }
  return [path]
}

function mutateAt(doc: unknown, path: (string | number)[], position: number): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  const v = parent[last]
  if (typeof v === 'string') {
    const i = Math.min(position, v.length - 1)
    const c = v[i] === 'a' ? 'b' : 'a'
    parent[last] = v.slice(0, i) + c + v.slice(i + 1)
  } else if (typeof v === 'number') {
    parent[last] = v + 1
  } else if (typeof v === 'boolean') {
    parent[last] = !v
  }
  return copy
}

describe('tamper evidence', () => {
  const signer = signerFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i + 1))
  const options = {
    verificationMethod: 'did:web:badges.example.edu#key-1',
    created: '2026-01-02T03:04:05Z'
  }

  it('any single changed character in any value, the proof options or proofValue fails', async () => {
    const unsigned = sampleCredential(5, 7, { forceCollision: true })
    const signed = await signDocument(unsigned, options, signer)
    expect((await verifyDocumentProof(signed, signer.publicKey)).ok).toBe(true)
    const paths = leaves(signed)
    expect(paths.length).toBeGreaterThan(30)
    let checked = 0
    for (const path of paths) {
      for (const position of [0, 5, 1000]) {
        const tampered = mutateAt(signed, path, position)
        const result = await verifyDocumentProof(tampered, signer.publicKey)
        if (result.ok) throw new Error(`change at ${path.join('.')}[${position}] still verifies`)
        expect(result.reason.length).toBeGreaterThan(10)
        checked++
      }
    }
    expect(checked).toBe(paths.length * 3)
  })

  it('reports specific reasons', async () => {
    const signed = await signDocument(sampleCredential(1), options, signer)
    const proof = signed.proof[0] as DataIntegrityProof
    const cases: [unknown, RegExp][] = [
      ['nope', /not a JSON object/],
      [{ ...signed, proof: undefined }, /no proof/],
      [{ ...signed, proof: [proof, proof] }, /exactly one proof, found 2/],
      [{ ...signed, proof: { ...proof, type: 'Ed25519Signature2020' } }, /proof type/],
      [{ ...signed, proof: { ...proof, cryptosuite: 'eddsa-jcs-2022' } }, /cryptosuite/],
      [{ ...signed, proof: { ...proof, proofPurpose: 'authentication' } }, /purpose/],
      [{ ...signed, proof: { ...proof, proofValue: 'u' + proof.proofValue } }, /base58btc/],
      [{ ...signed, proof: { ...proof, proofValue: 'z3' } }, /64-byte/],
      [{ ...signed, proof: { ...proof, created: 'yesterday' } }, /dateTime/],
      [{ ...signed, surprise: 1 }, /not valid JSON-LD.*Dropping property.*"surprise"/],
      [{ ...signed, '@context': ['https://example.com/ctx'] }, /not one Kiln ships offline/]
    ]
    for (const [input, reason] of cases) {
      const result = await verifyDocumentProof(input, signer.publicKey)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.reason).toMatch(reason)
    }
    // proof as object or one-element array both verify
    expect((await verifyDocumentProof({ ...signed, proof }, signer.publicKey)).ok).toBe(true)
  })

  it('refuses to sign twice or with a bad created date', async () => {
    const signed = await signDocument(sampleCredential(2), options, signer)
    await expect(signDocument(signed, options, signer)).rejects.toThrow(/already has a proof/)
    await expect(
      signDocument(sampleCredential(2), { ...options, created: '2026-01-02' }, signer)
    ).rejects.toThrow(/XML Schema dateTime/)
  })
})
