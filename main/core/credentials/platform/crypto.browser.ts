/**
 * The credential engine's hashing and Ed25519 verification in the browser (@noble/ed25519,
 * @noble/hashes): the browser build's replacement for crypto.ts, chosen by the verifier
 * bundle at build time. Same exports, same answers. No node:* here.
 */
import * as ed from '@noble/ed25519'
import { sha256 as nobleSha256, sha512 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

ed.hashes.sha512 = sha512
const utf8 = new TextEncoder()

export function sha256(data: Uint8Array | string): Uint8Array {
  return nobleSha256(typeof data === 'string' ? utf8.encode(data) : data)
}

export function sha256Hex(text: string): string {
  return bytesToHex(nobleSha256(utf8.encode(text)))
}

export function ed25519Verify(
  publicKey: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  try {
    return ed.verify(signature, data, publicKey)
  } catch {
    return false
  }
}
