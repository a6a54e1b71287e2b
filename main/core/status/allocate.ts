/**
 * Choosing a credential's statusListIndex. BSL: indexes SHOULD be assigned randomly, so that a
 * list position reveals nothing about issue order or about neighbouring recipients.
 */
import { randomBytes } from 'node:crypto'
import { KilnFailure } from '../failure.js'

/** Uniform in [0, 1) from the OS CSPRNG (53 random bits). */
export function secureRandom(): number {
  const b = randomBytes(8)
  const high = b.readUInt32BE(0) >>> 11 // 21 bits
  const low = b.readUInt32BE(4) // 32 bits
  return (high * 2 ** 32 + low) / 2 ** 53
}

const DRAWS_BEFORE_SCAN = 32

function pick(random: () => number, n: number): number {
  const r = random()
  if (!(r >= 0 && r < 1)) throw new Error('random() must return a number in [0, 1)')
  return Math.min(n - 1, Math.floor(r * n))
}

/**
 * A random index in 0…lengthBits-1 that is not in `used`. Tries a few uniform draws (almost
 * always enough); when the list is crowded, picks uniformly among the free indexes instead.
 * Throws CONFLICT when every index is taken.
 */
export function allocateStatusIndex(
  used: Readonly<{ has(index: number): boolean }>,
  lengthBits: number,
  random: () => number = secureRandom
): number {
  if (!Number.isSafeInteger(lengthBits) || lengthBits <= 0) {
    throw new KilnFailure(
      'INVALID_INPUT',
      `status list length ${lengthBits} is not a positive integer`
    )
  }
  for (let i = 0; i < DRAWS_BEFORE_SCAN; i++) {
    const candidate = pick(random, lengthBits)
    if (!used.has(candidate)) return candidate
  }
  let free = 0
  for (let index = 0; index < lengthBits; index++) if (!used.has(index)) free++
  if (free <= 0) {
    throw new KilnFailure('CONFLICT', `status list full: all ${lengthBits} entries are in use`)
  }
  let k = pick(random, free)
  for (let index = 0; index < lengthBits; index++) {
    if (used.has(index)) continue
    if (k === 0) return index
    k--
  }
  throw new Error('unreachable: a free index was counted but not found')
}
