import { sampleCredential } from './main/core/credentials/sample-credentials.test-support.ts'
import { signDocument, verifyDocumentProof } from './main/core/credentials/data-integrity.ts'
import { signerFromSeed } from './main/core/keys/ed25519.ts'
const signer = signerFromSeed(new Uint8Array(32).fill(7))
const mode = process.argv[2]
const creds = Array.from({ length: 3000 }, (_, i) => sampleCredential(i, 1, { noCollision: mode !== 'twins' }))
const opts = { verificationMethod: 'did:web:badges.example.edu#key-1', created: '2025-01-01T00:00:00Z' }
for (let r = 0; r < 3; r++) {
  let t = performance.now(); const signed = []
  for (const c of creds) signed.push(await signDocument(c, opts, signer))
  const dt = performance.now() - t
  t = performance.now(); let ok = 0
  for (const s of signed) if ((await verifyDocumentProof(s, signer.publicKey)).ok) ok++
  const dv = performance.now() - t
  console.log('issue/s', (creds.length / dt * 1000).toFixed(0), 'verify/s', (creds.length / dv * 1000).toFixed(0), ok)
}
