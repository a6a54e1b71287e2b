import { describe, expect, it } from 'vitest'
import { createSessionCodes } from './session-codes.js'

describe('one-time browser codes', () => {
  it('opens a session once per code, within its lifetime only', () => {
    let now = 1_000
    const codes = createSessionCodes(60_000, () => now)
    const a = codes.issue()
    const b = codes.issue()
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(a).not.toBe(b)
    expect(codes.redeem(a)).toBe(true)
    expect(codes.redeem(a)).toBe(false)
    expect(codes.redeem('not-a-code')).toBe(false)
    now += 60_000
    expect(codes.redeem(b)).toBe(false)
    const c = codes.issue()
    now += 59_999
    expect(codes.redeem(c)).toBe(true)
  })
})
