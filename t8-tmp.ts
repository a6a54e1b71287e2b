import { createIndependentStack } from './main/core/credentials/independent-stack.test-support.ts'
import { sampleCredential } from './main/core/credentials/sample-credentials.test-support.ts'
import { signerFromSeed } from './main/core/keys/ed25519.ts'
const SEED = new Uint8Array(32).fill(3)
const signer = signerFromSeed(SEED)
const db = await createIndependentStack({ seed: SEED, publicKey: signer.publicKey, controller: 'did:web:badges.example.edu', verificationMethod: 'did:web:badges.example.edu#key-1', created: '2026-01-15T10:00:00Z' })
const s = await db.issue(sampleCredential(1, 42))
console.log(JSON.stringify((s as any).proof))
console.log(await db.verify(s))
