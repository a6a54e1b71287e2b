/**
 * CSPRNG bytes drawn in blocks (one randomFillSync per 4 KiB instead of two calls per award):
 * per-award salts and uniform draws for status-list indexes.
 */
import { randomFillSync } from 'node:crypto'

const BLOCK = 4096
let pool = Buffer.alloc(0)
let used = 0

function take(n: number): Buffer {
  if (used + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(BLOCK))
    used = 0
  }
  const bytes = pool.subarray(used, used + n)
  used += n
  return bytes
}

/** 16 random bytes as hex, like identity-hash's newSalt. */
export function pooledSalt(): string {
  return take(16).toString('hex')
}

/** Uniform in [0, 1) with 53 random bits (the contract of allocateStatusIndex's `random`). */
export function pooledRandom(): number {
  const b = take(8)
  const high = b.readUInt32BE(0) >>> 11
  const low = b.readUInt32BE(4)
  return (high * 2 ** 32 + low) / 2 ** 53
}
