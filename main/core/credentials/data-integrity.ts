/**
 * Data Integrity proofs, cryptosuite eddsa-rdfc-2022 (OPEN-BADGES.md §5.1, DI-EDDSA):
 * proof config = proof options + the document's @context; hashData =
 * SHA-256(canonical proof config) ‖ SHA-256(canonical document); Ed25519 over hashData;
 * proofValue = "z" + base58btc(signature). Signing and verifying need no network and no setup.
 *
 * This is the credential engine shared by Node (station, CLI) and the browser (the site's
 * verifier, bundled by site/verifier-bundle.ts): no node:* here; hashing and Ed25519 come
 * from platform/crypto (node:crypto, or @noble in the browser build), and the canonicaliser
 * from a plug-in (canonicaliser.ts: by default the fast path for Kiln's own shapes, the
 * reference jsonld + rdf-canonize for everything else).
 */
import { base58 } from '@scure/base'
import { describeCanonizeError } from './canonicalize.js'
import {
  byOrigin,
  fastCanonicaliser,
  type Canonicaliser,
  type CanonicaliserChoice
} from './canonicaliser.js'
import { documentLoader as defaultLoader, type DocumentLoader } from './contexts.js'
import { ed25519Verify, sha256 } from './platform/crypto.js'

export type DataIntegrityProof = {
  type: 'DataIntegrityProof'
  cryptosuite: 'eddsa-rdfc-2022'
  created: string
  verificationMethod: string
  proofPurpose: 'assertionMethod'
  proofValue: string
}

export type ProofOptions = Omit<DataIntegrityProof, 'proofValue'>

export type ProofHashes = {
  canonicalDocument: string
  canonicalProofConfig: string
  /** SHA-256 of the canonical proof config (32 bytes). */
  proofHash: Uint8Array
  /** SHA-256 of the canonical document (32 bytes). */
  docHash: Uint8Array
  /** proofHash ‖ docHash (64 bytes): the bytes that are signed. */
  hashData: Uint8Array
}

export type VerifyProofResult =
  { ok: true; proof: DataIntegrityProof } | { ok: false; reason: string }

// XML Schema dateTime (with optional fraction and zone), as DI requires for `created`.
const XSD_DATE_TIME =
  /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

// The canonical proof config only depends on the options and @context: a batch signs with
// the same options, so keep the last few (keyed by their JSON and the canonicaliser).
const PROOF_CACHE_SIZE = 16
const proofConfigCache = new Map<string, string>()

async function canonizeProofConfig(
  proofConfig: Record<string, unknown>,
  loader: DocumentLoader,
  canonicaliser: Canonicaliser
): Promise<string> {
  if (loader !== defaultLoader) return canonicaliser.canonize(proofConfig, loader)
  const key = `${canonicaliser.name}\n${JSON.stringify(proofConfig)}`
  const hit = proofConfigCache.get(key)
  if (hit !== undefined) return hit
  const canonical = await canonicaliser.canonize(proofConfig, loader)
  if (proofConfigCache.size >= PROOF_CACHE_SIZE) proofConfigCache.clear()
  proofConfigCache.set(key, canonical)
  return canonical
}

export function isXsdDateTime(value: string): boolean {
  return XSD_DATE_TIME.test(value)
}

export function proofOptionsFor(options: {
  verificationMethod: string
  created: string
}): ProofOptions {
  return {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: options.created,
    verificationMethod: options.verificationMethod,
    proofPurpose: 'assertionMethod'
  }
}

export type EngineOptions = Readonly<{
  loader?: DocumentLoader
  /** Which canonicaliser each document goes through (default: byOrigin). */
  canonicaliser?: CanonicaliserChoice
}>

/**
 * The intermediate values of eddsa-rdfc-2022 for a document (without `proof`) and proof
 * options (without `proofValue`); exported so tests can compare them with the vectors.
 * The document and its proof config are canonicalised by one canonicaliser: the fast path
 * only when both are in Kiln's own shape.
 */
export async function proofHashes(
  unsecured: object,
  proofOptions: object,
  loader: DocumentLoader = defaultLoader,
  choose: CanonicaliserChoice = byOrigin
): Promise<ProofHashes> {
  const context = (unsecured as Record<string, unknown>)['@context']
  const proofConfig = { ...proofOptions, '@context': context }
  const forDocument = choose(unsecured)
  const canonicaliser = forDocument.name === 'fast' ? choose(proofConfig) : forDocument
  const canonicalProofConfig = await canonizeProofConfig(proofConfig, loader, canonicaliser)
  const canonicalDocument = await canonicaliser.canonize(unsecured, loader)
  const proofHash = sha256(canonicalProofConfig)
  const docHash = sha256(canonicalDocument)
  const hashData = new Uint8Array(64)
  hashData.set(proofHash, 0)
  hashData.set(docHash, 32)
  return { canonicalDocument, canonicalProofConfig, proofHash, docHash, hashData }
}

/**
 * Signs `unsigned` (which must not carry a proof yet); the proof is attached as an array.
 * Kiln signs its own documents, so the fast canonicaliser (with its own fall backs) is used.
 */
export async function signDocument<T extends object>(
  unsigned: T,
  options: { verificationMethod: string; created: string },
  signer: { sign(d: Uint8Array): Uint8Array },
  loader: DocumentLoader = defaultLoader
): Promise<T & { proof: DataIntegrityProof[] }> {
  if ('proof' in unsigned) throw new Error('the document already has a proof')
  if (!isXsdDateTime(options.created)) {
    throw new Error(`proof "created" must be an XML Schema dateTime, got "${options.created}"`)
  }
  if (options.verificationMethod.length === 0) throw new Error('verificationMethod is empty')
  const proofOptions = proofOptionsFor(options)
  const { hashData } = await proofHashes(unsigned, proofOptions, loader, () => fastCanonicaliser)
  const signature = signer.sign(hashData)
  const proof: DataIntegrityProof = { ...proofOptions, proofValue: 'z' + base58.encode(signature) }
  return { ...unsigned, proof: [proof] }
}

function checkProof(value: unknown): DataIntegrityProof | string {
  if (!isRecord(value)) return 'The proof is not a JSON object.'
  if (value.type !== 'DataIntegrityProof') {
    return `The proof type is "${String(value.type)}", expected "DataIntegrityProof".`
  }
  if (value.cryptosuite !== 'eddsa-rdfc-2022') {
    return `The proof cryptosuite is "${String(value.cryptosuite)}", expected "eddsa-rdfc-2022".`
  }
  if (value.proofPurpose !== 'assertionMethod') {
    return `The proof purpose is "${String(value.proofPurpose)}", expected "assertionMethod".`
  }
  if (typeof value.verificationMethod !== 'string' || value.verificationMethod === '') {
    return 'The proof has no verificationMethod.'
  }
  if (typeof value.created !== 'string' || !isXsdDateTime(value.created)) {
    return 'The proof "created" date is missing or not an XML Schema dateTime.'
  }
  if (typeof value.proofValue !== 'string' || !value.proofValue.startsWith('z')) {
    return 'The proofValue is missing or not base58btc multibase (it must start with "z").'
  }
  return value as DataIntegrityProof
}

function decodeProofValue(proofValue: string): Uint8Array | null {
  try {
    const bytes = base58.decode(proofValue.slice(1))
    return bytes.length === 64 ? bytes : null
  } catch {
    return null
  }
}

/**
 * Verifies one eddsa-rdfc-2022 proof (`proof` as an object or a one-element array) with the
 * given Ed25519 public key. Resolving the verificationMethod to a key is the caller's job.
 */
export async function verifyDocumentProof(
  signed: unknown,
  publicKey: Uint8Array,
  options: EngineOptions = {}
): Promise<VerifyProofResult> {
  const loader = options.loader ?? defaultLoader
  if (!isRecord(signed)) return { ok: false, reason: 'The credential is not a JSON object.' }
  let rawProof = signed.proof
  if (Array.isArray(rawProof)) {
    if (rawProof.length !== 1) {
      return { ok: false, reason: `Expected exactly one proof, found ${rawProof.length}.` }
    }
    rawProof = rawProof[0]
  }
  if (rawProof === undefined) return { ok: false, reason: 'The credential has no proof.' }
  const proof = checkProof(rawProof)
  if (typeof proof === 'string') return { ok: false, reason: proof }
  const signature = decodeProofValue(proof.proofValue)
  if (signature === null) {
    return { ok: false, reason: 'The proofValue does not decode to a 64-byte Ed25519 signature.' }
  }
  if (publicKey.length !== 32) return { ok: false, reason: 'The public key is not 32 bytes.' }
  const unsecured: Record<string, unknown> = { ...signed }
  delete unsecured.proof
  const proofOptions: Record<string, unknown> = { ...(rawProof as Record<string, unknown>) }
  delete proofOptions.proofValue
  let hashData: Uint8Array
  try {
    hashData = (await proofHashes(unsecured, proofOptions, loader, options.canonicaliser)).hashData
  } catch (e) {
    return {
      ok: false,
      reason: `The credential is not valid JSON-LD for signing: ${describeCanonizeError(e)}`
    }
  }
  if (!ed25519Verify(publicKey, hashData, signature)) {
    return { ok: false, reason: 'The signature does not match the credential and the key.' }
  }
  return { ok: true, proof }
}
