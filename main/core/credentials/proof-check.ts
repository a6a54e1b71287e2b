/**
 * Finding the key of an embedded eddsa-rdfc-2022 proof without the network, and checking
 * the proof with it (OPEN-BADGES.md §1.10, the 1EdTech validator's resolution order):
 * 1. the verification method's fragment is itself a publicKeyMultibase → that key,
 *    controller = the URI before '#' (did:key, did:web#z6Mk…, https…#z6Mk…);
 * 2. did:key → the key is the DID's method-specific id;
 * 3. anything else needs a DID document or key document from the web: not done offline.
 */
import { decodePublicKeyMultibase, isPublicKeyMultibase } from '../keys/multikey.js'
import { verifyDocumentProof } from './data-integrity.js'

export type KeyResolution =
  { ok: true; publicKey: Uint8Array; controller: string } | { ok: false; reason: string }

export type ProofCheck =
  | { ok: true; verificationMethod: string; controller: string }
  | { ok: false; reason: string; verificationMethod?: string; controller?: string }

type JsonObject = Record<string, unknown>

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function resolveKeyOffline(verificationMethod: string): KeyResolution {
  const hash = verificationMethod.indexOf('#')
  const controller = hash < 0 ? verificationMethod : verificationMethod.slice(0, hash)
  const fragment = hash < 0 ? '' : verificationMethod.slice(hash + 1)
  if (controller.startsWith('did:key:')) {
    const id = controller.slice('did:key:'.length)
    if (!isPublicKeyMultibase(id)) {
      return { ok: false, reason: `${controller} is not an Ed25519 did:key` }
    }
    if (fragment !== '' && fragment !== id) {
      return {
        ok: false,
        reason: `${verificationMethod} is not a verification method of ${controller}`
      }
    }
    return { ok: true, publicKey: decodePublicKeyMultibase(id), controller }
  }
  if (fragment !== '' && isPublicKeyMultibase(fragment)) {
    return { ok: true, publicKey: decodePublicKeyMultibase(fragment), controller }
  }
  return {
    ok: false,
    reason: `cannot resolve key offline: ${verificationMethod} does not carry its public key`
  }
}

/** The proof Kiln checks: the first DataIntegrityProof for assertionMethod. */
function selectProof(
  doc: JsonObject
): { ok: true; proof: JsonObject } | { ok: false; reason: string } {
  const raw = doc.proof
  if (raw === undefined) return { ok: false, reason: 'the document has no proof' }
  const proofs = Array.isArray(raw) ? raw : [raw]
  const candidates = proofs.filter(isJsonObject).filter((p) => p.type === 'DataIntegrityProof')
  if (candidates.length === 0) return { ok: false, reason: 'no DataIntegrityProof found' }
  const proof = candidates.find((p) => p.proofPurpose === 'assertionMethod')
  if (!proof) return { ok: false, reason: 'the proof is not for assertionMethod' }
  if (proof.cryptosuite !== 'eddsa-rdfc-2022') {
    return { ok: false, reason: `unsupported cryptosuite ${JSON.stringify(proof.cryptosuite)}` }
  }
  return { ok: true, proof }
}

/** Verifies the document's eddsa-rdfc-2022 proof with the key found offline. Never throws. */
export async function checkProof(doc: JsonObject): Promise<ProofCheck> {
  const selected = selectProof(doc)
  if (!selected.ok) return selected
  const vm = selected.proof.verificationMethod
  if (typeof vm !== 'string' || vm === '') {
    return { ok: false, reason: 'the proof has no verificationMethod' }
  }
  const key = resolveKeyOffline(vm)
  if (!key.ok) return { ok: false, reason: key.reason, verificationMethod: vm }
  const single = Array.isArray(doc.proof) ? { ...doc, proof: [selected.proof] } : doc
  try {
    const result = await verifyDocumentProof(single, key.publicKey)
    if (!result.ok) {
      const reason = result.reason.replace(/\.$/, '')
      return { ok: false, reason, verificationMethod: vm, controller: key.controller }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      reason: reason.replace(/\.$/, ''),
      verificationMethod: vm,
      controller: key.controller
    }
  }
  return { ok: true, verificationMethod: vm, controller: key.controller }
}

/** issuer as a URI string or a Profile object → its id. */
export function issuerIdOf(issuer: unknown): string | undefined {
  if (typeof issuer === 'string') return issuer
  if (isJsonObject(issuer) && typeof issuer.id === 'string') return issuer.id
  return undefined
}
