import { base64urlnopad } from '@scure/base'
import { execFileSync } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { MIN_STATUS_LIST_BITS, StatusBitstring } from './bitstring.js'

const SPEC_EXAMPLE = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA'

function failureOf(fn: () => unknown): KilnFailure {
  try {
    fn()
  } catch (e) {
    if (e instanceof KilnFailure) return e
    throw e
  }
  throw new Error('expected a KilnFailure')
}

describe('StatusBitstring', () => {
  it('decodes the spec example to 16,384 zero bytes', () => {
    const list = StatusBitstring.decode(SPEC_EXAMPLE)
    expect(list.lengthBits).toBe(131_072)
    const bytes = list.toBytes()
    expect(bytes.length).toBe(16_384)
    expect(bytes.every((b) => b === 0)).toBe(true)
    expect(list.countSet()).toBe(0)
  })

  it('accepts bare base64url and padding leniently', () => {
    expect(StatusBitstring.decode(SPEC_EXAMPLE.slice(1)).lengthBits).toBe(131_072)
    expect(StatusBitstring.decode(`${SPEC_EXAMPLE}==`).lengthBits).toBe(131_072)
  })

  it('bit 0 is the most significant bit of byte 0 (BSL §4.2)', () => {
    const list = new StatusBitstring()
    list.set(0, true)
    list.set(9, true)
    list.set(131_071, true)
    const bytes = list.toBytes()
    expect(bytes[0]).toBe(0b1000_0000)
    expect(bytes[1]).toBe(0b0100_0000)
    expect(bytes[16_383]).toBe(0b0000_0001)
  })

  it('set/get round trip, including clearing, across encode/decode', () => {
    const list = new StatusBitstring()
    const indexes = [0, 1, 7, 8, 4242, 99_999, 131_071]
    for (const i of indexes) list.set(i, true)
    list.set(4242, false)
    const back = StatusBitstring.decode(list.encode())
    for (const i of indexes) expect(back.get(i)).toBe(i !== 4242)
    expect(back.get(2)).toBe(false)
    expect(back.countSet()).toBe(indexes.length - 1)
    expect(back.toBytes()).toEqual(list.toBytes())
  })

  it('encodes deterministically: same bytes in another process, fixed gzip header', () => {
    const list = new StatusBitstring(262_144)
    for (const i of [3, 5000, 262_143]) list.set(i, true)
    const encoded = list.encode()
    expect(list.encode()).toBe(encoded)
    // a separate Node process, so no shared state can make it pass
    const other = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { gzipSync } from 'fflate'; const b = new Uint8Array(32768); b[0] = 0x10; b[625] = 0x80; b[32767] = 1;" +
          "process.stdout.write(Buffer.from(gzipSync(b, { level: 9, mtime: 0 })).toString('base64url'))"
      ],
      { cwd: process.cwd(), encoding: 'utf8' }
    )
    expect(encoded).toBe('u' + other)
    const gz = base64urlnopad.decode(encoded.slice(1))
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]) // mtime 0, OS = Unix
  })

  it('matches pinned encodings (a dependency or option change that alters the bytes fails here)', () => {
    const list = new StatusBitstring()
    expect(list.encode()).toBe(
      'uH4sIAAAAAAACA-3AMQEAAADCIPunNsYeGAAAAAAAAAAAAAAAAAAAAJA7htJUqwBAAAA'
    )
    for (const i of [0, 4242, 131_071]) list.set(i, true)
    expect(list.encode()).toBe(
      'uH4sIAAAAAAACA-3QMQEAAAgDIG1iVKP7mmAXRGALvlEAAAAAAAAAAAAAAAAAAACQ1we4qz8IAEAAAA'
    )
  })

  it('decodes lists gzipped by other tools (node:zlib)', () => {
    const bytes = new Uint8Array(16_384)
    bytes[2] = 0x20 // index 18
    const list = StatusBitstring.decode('u' + Buffer.from(gzipSync(bytes)).toString('base64url'))
    expect(list.get(18)).toBe(true)
    expect(list.get(17)).toBe(false)
  })

  it('rejects lists shorter than 16 KB, and junk, with CREDENTIAL_INVALID', () => {
    const short = 'u' + Buffer.from(gzipSync(new Uint8Array(16_383))).toString('base64url')
    const tooShort = failureOf(() => StatusBitstring.decode(short))
    expect(tooShort.code).toBe('CREDENTIAL_INVALID')
    expect(tooShort.message).toMatch(/too short: 16383 bytes .* minimum is 16 KB/)
    expect(failureOf(() => StatusBitstring.decode('zABC')).message).toMatch(/multibase/)
    expect(failureOf(() => StatusBitstring.decode('u!!!')).message).toMatch(/base64url/)
    expect(failureOf(() => StatusBitstring.decode('uAAAA')).message).toMatch(/GZIP/)
  })

  it('refuses a gzip bomb beyond the size cap', () => {
    const huge = 'u' + Buffer.from(gzipSync(new Uint8Array(17 * 1024 * 1024))).toString('base64url')
    expect(failureOf(() => StatusBitstring.decode(huge)).message).toMatch(/larger than/)
  })

  it('validates lengths and indexes', () => {
    expect(() => new StatusBitstring(MIN_STATUS_LIST_BITS - 8)).toThrow(/at least 131072/)
    expect(() => new StatusBitstring(MIN_STATUS_LIST_BITS + 1)).toThrow(KilnFailure)
    const list = new StatusBitstring()
    expect(() => list.get(131_072)).toThrow(/outside 0…131071/)
    expect(() => list.set(-1, true)).toThrow(KilnFailure)
    expect(() => list.get(1.5)).toThrow(KilnFailure)
  })
})
