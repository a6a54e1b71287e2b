/**
 * Issuing and verifying throughput: Kiln's Data Integrity engine vs Digital Bazaar's stack
 * (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite), same credential
 * shape, same run, one core (no worker threads). Every credential Kiln issues in the timed
 * part is then verified by the independent stack; any failure exits non-zero.
 *
 *   node --import tsx bench/credentials.ts
 */
import { pathToFileURL } from 'node:url'
import { signDocument, verifyDocumentProof } from '../main/core/credentials/data-integrity.js'
import { createIndependentStack } from '../main/core/credentials/independent-stack.test-support.js'
import { sampleCredential } from '../main/core/credentials/sample-credentials.test-support.js'
import { signerFromSeed } from '../main/core/keys/ed25519.js'

export type CredentialBenchResult = {
  issuePerSec: number
  verifyPerSec: number
  dbIssuePerSec: number
  dbVerifyPerSec: number
}

const CONTROLLER = 'did:web:badges.example.edu'
const VM = `${CONTROLLER}#key-1`
const CREATED = '2026-01-15T10:00:00Z'
const SEED = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff)

/** Runs fn over items (in order) for at least minMs and at least minCount items; items/s. */
async function rate<T>(
  items: readonly T[],
  fn: (item: T) => Promise<unknown>,
  minMs: number,
  minCount: number
): Promise<{ perSec: number; count: number }> {
  let count = 0
  const start = performance.now()
  let elapsed = 0
  while (count < minCount || elapsed < minMs) {
    const item = items[count % items.length] as T
    await fn(item)
    count++
    elapsed = performance.now() - start
  }
  return { perSec: (count / elapsed) * 1000, count }
}

export async function runCredentialBench(
  opts: { kilnCount?: number; dbCount?: number; log?: (line: string) => void } = {}
): Promise<CredentialBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line))
  const kilnCount = opts.kilnCount ?? 20_000
  const dbCount = opts.dbCount ?? 150
  const signer = signerFromSeed(SEED)
  const db = await createIndependentStack({
    seed: SEED,
    publicKey: signer.publicKey,
    controller: CONTROLLER,
    verificationMethod: VM,
    created: CREATED
  })
  const options = { verificationMethod: VM, created: CREATED }
  const unsigned = Array.from({ length: kilnCount }, (_, i) => sampleCredential(i, 42, { issuerId: CONTROLLER }))

  // Warm up both engines (JIT, context caches) outside the timed parts.
  for (const c of unsigned.slice(0, 200)) await signDocument(c, options, signer)
  for (const c of unsigned.slice(0, 5)) await db.verify(await db.issue(c))

  const kilnSigned: object[] = []
  const issue = await rate(
    unsigned,
    async (c) => kilnSigned.push(await signDocument(c, options, signer)),
    3000,
    kilnCount
  )
  const verify = await rate(
    kilnSigned,
    async (s) => {
      const r = await verifyDocumentProof(s, signer.publicKey)
      if (!r.ok) throw new Error(`Kiln rejected its own credential: ${r.reason}`)
    },
    3000,
    kilnCount
  )
  const dbSigned: object[] = []
  const dbIssue = await rate(unsigned, async (c) => dbSigned.push(await db.issue(c)), 3000, dbCount)
  const dbVerify = await rate(
    dbSigned,
    async (s) => {
      const r = await db.verify(s)
      if (!r.verified) throw new Error(`DB stack rejected its own credential: ${r.error ?? ''}`)
    },
    3000,
    dbCount
  )

  const result: CredentialBenchResult = {
    issuePerSec: issue.perSec,
    verifyPerSec: verify.perSec,
    dbIssuePerSec: dbIssue.perSec,
    dbVerifyPerSec: dbVerify.perSec
  }
  const f = (n: number): string => n.toFixed(0).padStart(7)
  log('credentials/s (one core, same run, same OpenBadgeCredential shape)')
  log(`  issue   Kiln ${f(result.issuePerSec)}   DB stack ${f(result.dbIssuePerSec)}   ` +
    `ratio ${(result.issuePerSec / result.dbIssuePerSec).toFixed(1)}x (target >= 30x)`)
  log(`  verify  Kiln ${f(result.verifyPerSec)}   DB stack ${f(result.dbVerifyPerSec)}   ` +
    `ratio ${(result.verifyPerSec / result.dbVerifyPerSec).toFixed(1)}x (target >= 10x)`)
  log(`  (${issue.count} Kiln issues, ${verify.count} Kiln verifies, ` +
    `${dbIssue.count} DB issues, ${dbVerify.count} DB verifies)`)

  // Independent check: every credential Kiln issued above must verify with DB's stack.
  const started = performance.now()
  let failures = 0
  for (const [i, s] of kilnSigned.entries()) {
    const r = await db.verify(s)
    if (!r.verified) {
      failures++
      if (failures <= 3) log(`  DB stack rejects Kiln credential #${i}: ${r.error ?? ''}`)
    }
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1)
  if (failures > 0) {
    throw new Error(`${failures} of ${kilnSigned.length} Kiln credentials failed independent verification`)
  }
  log(`  independent check: all ${kilnSigned.length} Kiln-issued credentials verified by the DB stack (${secs} s)`)
  return result
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (invokedDirectly) {
  runCredentialBench().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 1
  })
}
