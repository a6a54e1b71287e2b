/**
 * The credential engine's hashing and Ed25519 verification in Node (node:crypto, with a
 * reused KeyObject per key: building one costs more than a verification). The browser build
 * of the same engine uses crypto.browser.ts instead (@noble/ed25519 + @noble/hashes), picked
 * at build time by the verifier bundle (site/verifier-bundle.ts); both give the same answers
 * (platform/crypto.test.ts).
 */
import { createPublicKey, hash, verify, type KeyObject } from 'node:crypto'

// DER prefix of a raw 32-byte Ed25519 public key (SPKI).
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

/** SHA-256 of bytes, or of a string's UTF-8. */
export function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(hash('sha256', data, 'buffer'))
}

/** Hex SHA-256 of a string's UTF-8. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex')
}

const KEY_CACHE_SIZE = 16
const keyCache = new Map<string, KeyObject>()

function keyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('hex')
  let key = keyCache.get(id)
  if (key === undefined) {
    key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki'
    })
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear()
    keyCache.set(id, key)
  }
  return key
}

/** Ed25519 (RFC 8032) verification; false for any malformed key or signature. */
export function ed25519Verify(
  publicKey: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  try {
    return verify(null, data, keyObject(publicKey), signature)
  } catch {
    return false
  }
}
