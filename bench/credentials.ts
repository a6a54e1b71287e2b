/**
 * Issuing and verifying throughput: Kiln's Data Integrity engine vs Digital Bazaar's stack
 * (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite), same credential
 * shape, same run, one core (no worker threads). The two engines are timed in alternating
 * rounds so that load from other processes hits both alike. Afterwards every credential
 * Kiln issued is checked: each distinct one with DB's verifyCredential, each repeat
 * (the pool is cycled) by being byte-identical to the checked one. Any failure throws
 * (exit code 1 when run directly).
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

export type CredentialBenchOptions = {
  /** Total time per engine and operation (ms), split over `rounds`. */
  phaseMs?: number
  rounds?: number
  /** Distinct credentials in the pool (all of them are checked independently). */
  poolSize?: number
  log?: (line: string) => void
}

const CONTROLLER = 'did:web:badges.example.edu'
const VM = `${CONTROLLER}#key-1`
const CREATED = '2026-01-15T10:00:00Z'
const SEED = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff)

type Meter = { count: number; ms: number; next: number }

/** Runs fn over items (cycling, continuing where the meter stopped) for about `ms`. */
async function runFor<T>(
  meter: Meter,
  items: readonly T[],
  fn: (item: T, index: number) => Promise<unknown>,
  ms: number
): Promise<void> {
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    const index = meter.next % items.length
    await fn(items[index] as T, index)
    meter.next++
    meter.count++
    elapsed = performance.now() - start
  }
  meter.ms += elapsed
}

const perSec = (m: Meter): number => (m.count / m.ms) * 1000
const meter = (): Meter => ({ count: 0, ms: 0, next: 0 })

export async function runCredentialBench(
  opts: CredentialBenchOptions = {}
): Promise<CredentialBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line))
  const phaseMs = opts.phaseMs ?? 4000
  const rounds = opts.rounds ?? 4
  const poolSize = opts.poolSize ?? 4000
  const signer = signerFromSeed(SEED)
  const db = await createIndependentStack({
    seed: SEED,
    publicKey: signer.publicKey,
    controller: CONTROLLER,
    verificationMethod: VM,
    created: CREATED
  })
  const options = { verificationMethod: VM, created: CREATED }
  // Kiln's credential shape with realistic variety; no deliberately duplicated alignments
  // (those take the slower collision path; canonicalize.test.ts covers them).
  const make = (i: number, seed: number): object =>
    sampleCredential(i, seed, { issuerId: CONTROLLER, noCollision: true })
  const pool = Array.from({ length: poolSize }, (_, i) => make(i, 42))

  // Warm up both engines (JIT, context caches) outside the timed parts.
  for (let i = 0; i < 2000; i++) {
    await verifyDocumentProof(await signDocument(make(i, 7), options, signer), signer.publicKey)
  }
  for (let i = 0; i < 30; i++) await db.verify(await db.issue(make(i, 7)))

  const kilnFirst: (object | undefined)[] = new Array<object | undefined>(poolSize)
  const kilnProofs: string[] = []
  const kilnRepeatsDiffer: number[] = []
  const dbSigned: object[] = []
  const issue = meter()
  const dbIssue = meter()
  const slice = phaseMs / rounds
  for (let r = 0; r < rounds; r++) {
    await runFor(
      issue,
      pool,
      async (c, i) => {
        const signed = await signDocument(c, options, signer)
        const proofValue = signed.proof[0]?.proofValue ?? ''
        if (kilnFirst[i] === undefined) {
          kilnFirst[i] = signed
          kilnProofs[i] = proofValue
        } else if (kilnProofs[i] !== proofValue) {
          kilnRepeatsDiffer.push(i)
        }
      },
      slice
    )
    await runFor(dbIssue, pool, async (c) => dbSigned.push(await db.issue(c)), slice)
  }
  const kilnSigned = kilnFirst.filter((s): s is object => s !== undefined)
  const verify = meter()
  const dbVerify = meter()
  for (let r = 0; r < rounds; r++) {
    await runFor(
      verify,
      kilnSigned,
      async (s) => {
        const v = await verifyDocumentProof(s, signer.publicKey)
        if (!v.ok) throw new Error(`Kiln rejected its own credential: ${v.reason}`)
      },
      slice
    )
    await runFor(
      dbVerify,
      dbSigned,
      async (s) => {
        const v = await db.verify(s)
        if (!v.verified) throw new Error(`DB stack rejected its own credential: ${v.error ?? ''}`)
      },
      slice
    )
  }

  const result: CredentialBenchResult = {
    issuePerSec: perSec(issue),
    verifyPerSec: perSec(verify),
    dbIssuePerSec: perSec(dbIssue),
    dbVerifyPerSec: perSec(dbVerify)
  }
  const f = (n: number): string => n.toFixed(0).padStart(7)
  log('credentials/s (one core, same run, same OpenBadgeCredential shape, alternating rounds)')
  log(
    `  issue   Kiln ${f(result.issuePerSec)}   DB stack ${f(result.dbIssuePerSec)}   ` +
      `ratio ${(result.issuePerSec / result.dbIssuePerSec).toFixed(1)}x (target >= 30x)`
  )
  log(
    `  verify  Kiln ${f(result.verifyPerSec)}   DB stack ${f(result.dbVerifyPerSec)}   ` +
      `ratio ${(result.verifyPerSec / result.dbVerifyPerSec).toFixed(1)}x (target >= 10x)`
  )
  log(
    `  (${issue.count} Kiln issues, ${verify.count} Kiln verifies, ` +
      `${dbIssue.count} DB issues, ${dbVerify.count} DB verifies)`
  )

  // Independent check of everything Kiln issued above.
  if (kilnRepeatsDiffer.length > 0) {
    throw new Error(
      `re-issuing gave a different proof for pool items ${kilnRepeatsDiffer.slice(0, 5).join(', ')}`
    )
  }
  const started = performance.now()
  let failures = 0
  for (const [i, s] of kilnSigned.entries()) {
    const v = await db.verify(s)
    if (!v.verified) {
      failures++
      if (failures <= 3) log(`  DB stack rejects Kiln credential #${i}: ${v.error ?? ''}`)
    }
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1)
  if (failures > 0) {
    throw new Error(
      `${failures} of ${kilnSigned.length} Kiln credentials failed independent verification`
    )
  }
  log(
    `  independent check: all ${issue.count} Kiln-issued credentials: the ${kilnSigned.length} distinct ` +
      `ones verified by the DB stack (${secs} s), every repeat byte-identical to its first issue`
  )
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
