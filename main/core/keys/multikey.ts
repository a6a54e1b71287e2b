/**
 * Multikey encoding of Ed25519 keys (Data Integrity EdDSA §2.1.1):
 * public  = "z" + base58btc(0xed 0x01 ‖ 32-byte key)  → always starts "z6Mk"
 * secret  = "z" + base58btc(0x80 0x26 ‖ 32-byte seed) → starts "z3u2" (tests and vectors only;
 *           the station never exports its secret key this way).
 */
import { base58 } from '@scure/base'

const PUB_PREFIX = Uint8Array.of(0xed, 0x01)
const SECRET_PREFIX = Uint8Array.of(0x80, 0x26)

function withPrefix(prefix: Uint8Array, key: Uint8Array): string {
  const bytes = new Uint8Array(prefix.length + key.length)
  bytes.set(prefix, 0)
  bytes.set(key, prefix.length)
  return 'z' + base58.encode(bytes)
}

function strip(prefix: Uint8Array, value: string, what: string): Uint8Array {
  if (!value.startsWith('z')) {
    throw new Error(`${what} must be base58btc multibase (start with "z")`)
  }
  const bytes = base58.decode(value.slice(1))
  if (bytes.length !== prefix.length + 32 || bytes[0] !== prefix[0] || bytes[1] !== prefix[1]) {
    throw new Error(`${what} is not an Ed25519 Multikey`)
  }
  return bytes.slice(prefix.length)
}

export function encodePublicKeyMultibase(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new Error('an Ed25519 public key has 32 bytes')
  return withPrefix(PUB_PREFIX, publicKey)
}

export function decodePublicKeyMultibase(value: string): Uint8Array {
  return strip(PUB_PREFIX, value, 'publicKeyMultibase')
}

export function encodeSecretKeyMultibase(seed: Uint8Array): string {
  if (seed.length !== 32) throw new Error('an Ed25519 seed has 32 bytes')
  return withPrefix(SECRET_PREFIX, seed)
}

export function decodeSecretKeyMultibase(value: string): Uint8Array {
  return strip(SECRET_PREFIX, value, 'secretKeyMultibase')
}

export function isPublicKeyMultibase(value: string): boolean {
  try {
    decodePublicKeyMultibase(value)
    return true
  } catch {
    return false
  }
}
