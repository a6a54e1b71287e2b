import { beforeAll, describe, expect, it } from 'vitest'
import { signerFromSeed } from '../keys/ed25519.js'
import { signDocument, verifyDocumentProof } from './data-integrity.js'
import { createIndependentStack, type IndependentStack } from './independent-stack.test-support.js'
import { sampleCredential, sampleStatusListCredential } from './sample-credentials.test-support.js'

const CONTROLLER = 'did:web:badges0.example.edu'
const VM = `${CONTROLLER}#key-1`
const CREATED = '2026-02-03T04:05:06Z'
const SEED = Uint8Array.from({ length: 32 }, (_, i) => 255 - i)
const signer = signerFromSeed(SEED)

describe("cross-check with Digital Bazaar's stack", () => {
  let db: IndependentStack
  beforeAll(async () => {
    db = await createIndependentStack({
      seed: SEED,
      publicKey: signer.publicKey,
      controller: CONTROLLER,
      verificationMethod: VM,
      created: CREATED
    })
  })

  const docs = (): object[] => [
    ...Array.from({ length: 24 }, (_, i) => sampleCredential(i, 77, { issuerId: CONTROLLER })),
    sampleCredential(3, 77, { issuerId: CONTROLLER, forceCollision: true }),
    sampleStatusListCredential(0),
    sampleStatusListCredential(7)
  ]

  it('DB verifyCredential accepts every Kiln-signed credential', { timeout: 120_000 }, async () => {
    for (const doc of docs()) {
      const signed = await signDocument(doc, { verificationMethod: VM, created: CREATED }, signer)
      const result = await db.verify(signed)
      expect(result.error).toBeNull()
      expect(result.verified).toBe(true)
    }
  })

  it('DB rejects a Kiln-signed credential after a change', async () => {
    const signed = await signDocument(
      docs()[0] as object,
      { verificationMethod: VM, created: CREATED },
      signer
    )
    const result = await db.verify({ ...signed, name: 'changed' })
    expect(result.verified).toBe(false)
  })

  it(
    'Kiln verifies every DB-issued credential, and produces the same proofValue',
    { timeout: 120_000 },
    async () => {
      for (const doc of docs()) {
        const issued = (await db.issue(doc)) as { proof: { proofValue: string } }
        const result = await verifyDocumentProof(issued, signer.publicKey)
        expect(result).toMatchObject({ ok: true })
        // Ed25519 is deterministic: equal canonical forms give equal signatures.
        const ours = await signDocument(doc, { verificationMethod: VM, created: CREATED }, signer)
        expect(ours.proof[0]?.proofValue).toBe(issued.proof.proofValue)
      }
    }
  )
})
