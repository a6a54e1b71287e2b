/**
 * Ed25519 through node:crypto: about ten times faster than a pure-JS signer with a
 * reused KeyObject, which is what the issuing throughput target needs. Keys are
 * generated with @noble/ed25519 (see keystore.ts); both give identical signatures
 * (Ed25519 is deterministic), which the tests check against the W3C vectors.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'

// DER prefixes for a raw 32-byte Ed25519 seed (PKCS#8) and public key (SPKI).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

export type Ed25519Signer = Readonly<{
  publicKey: Uint8Array
  sign(data: Uint8Array): Uint8Array
}>

export function privateKeyObjectFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new Error('an Ed25519 seed has 32 bytes')
  const der = Buffer.concat([PKCS8_PREFIX, seed])
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } finally {
    der.fill(0)
  }
}

export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) throw new Error('an Ed25519 public key has 32 bytes')
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, publicKey]),
    format: 'der',
    type: 'spki'
  })
}

export function rawPublicKey(key: KeyObject): Uint8Array {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' })
  return new Uint8Array(der.subarray(der.length - 32))
}

/** A signer over a KeyObject; the seed itself is not kept. */
export function signerFromSeed(seed: Uint8Array): Ed25519Signer {
  const key = privateKeyObjectFromSeed(seed)
  const publicKey = rawPublicKey(key)
  return {
    publicKey,
    sign: (data) => new Uint8Array(sign(null, data, key))
  }
}

export function verifyEd25519(
  publicKey: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array
): boolean {
  if (signature.length !== 64) return false
  try {
    return verify(null, data, publicKeyObject(publicKey), signature)
  } catch {
    return false
  }
}
