import { describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { allocateStatusIndex, secureRandom } from './allocate.js'

/** Deterministic [0, 1) sequence for tests. */
function seq(...values: number[]): () => number {
  let i = 0
  return () => values[i++ % values.length] ?? 0
}

describe('allocateStatusIndex', () => {
  it('maps random() onto the list and skips used indexes', () => {
    expect(allocateStatusIndex(new Set(), 131_072, seq(0.5))).toBe(65_536)
    expect(allocateStatusIndex(new Set([65_536]), 131_072, seq(0.5, 0.25))).toBe(32_768)
  })

  it('spreads indexes across the list with the default CSPRNG (not sequential)', () => {
    const used = new Set<number>()
    for (let i = 0; i < 200; i++) used.add(allocateStatusIndex(used, 131_072))
    expect(used.size).toBe(200)
    const sorted = [...used].sort((a, b) => a - b)
    expect(sorted.at(-1)).toBeGreaterThan(65_536) // 200 uniform draws all in the lower half: p = 2^-200
    expect(sorted[0]).toBeLessThan(65_536)
    for (let i = 0; i < 1000; i++) {
      const r = secureRandom()
      expect(r >= 0 && r < 1).toBe(true)
    }
  })

  it('finds the last free index in a crowded list even when random draws keep colliding', () => {
    const used = new Set(Array.from({ length: 1023 }, (_, i) => (i >= 700 ? i + 1 : i))) // 700 is free
    expect(allocateStatusIndex(used, 1024, seq(0))).toBe(700)
    expect(allocateStatusIndex(used, 1024, seq(0.999999))).toBe(700)
  })

  it("ignores 'used' entries outside the list when counting free slots", () => {
    const used = new Set([0, 1, 2, 3, 5000])
    expect(allocateStatusIndex(used, 5, seq(0))).toBe(4)
  })

  it('throws CONFLICT "status list full" when every index is used', () => {
    const used = new Set(Array.from({ length: 64 }, (_, i) => i))
    try {
      allocateStatusIndex(used, 64, seq(0.3))
      throw new Error('expected a failure')
    } catch (e) {
      expect(e).toBeInstanceOf(KilnFailure)
      expect((e as KilnFailure).code).toBe('CONFLICT')
      expect((e as KilnFailure).message).toMatch(/status list full/)
    }
  })

  it('rejects a random() outside [0, 1)', () => {
    expect(() => allocateStatusIndex(new Set(), 10, seq(1))).toThrow(/\[0, 1\)/)
  })
})
