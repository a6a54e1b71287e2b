import { describe, expect, it } from 'vitest'
import { fnv1a, fnv1aBytes, frameSection, lowerBound, readFrame } from './section-bytes.js'

describe('binary checkpoint sections', () => {
  it('frames a header and 8-aligned blobs, and reads them back in place', () => {
    const blobs = [Buffer.from('abc'), Buffer.alloc(0), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9])]
    const bytes = frameSection('TEST', { v: 1, blobs: blobs.map((b) => b.length) }, blobs)
    expect(bytes.toString('latin1', 0, 4)).toBe('TEST')
    const frame = readFrame(bytes, 'TEST')
    expect(frame?.header).toEqual({ v: 1, blobs: [3, 0, 9] })
    const back = frame?.blobs([3, 0, 9])
    expect(back?.map((b) => [...b])).toEqual(blobs.map((b) => [...b]))
    for (const b of back ?? []) expect((b.byteOffset - bytes.byteOffset) % 8).toBe(0)
  })

  it('refuses a frame that does not fit: other magic, cut header, blobs not filling it exactly', () => {
    const bytes = frameSection('TEST', { n: 1 }, [Buffer.from('12345')])
    expect(readFrame(bytes, 'ELSE')).toBeUndefined()
    expect(readFrame(bytes.subarray(0, 10), 'TEST')).toBeUndefined()
    expect(readFrame(Buffer.from('TEST'), 'TEST')).toBeUndefined()
    const frame = readFrame(bytes, 'TEST')
    expect(frame?.blobs([5])).toBeDefined()
    expect(frame?.blobs([4])).toBeUndefined() // a byte left over
    expect(frame?.blobs([6])).toBeUndefined() // past the end
    expect(frame?.blobs([])).toBeUndefined()
    const garbled = Buffer.from(bytes)
    garbled.write('{', 8, 'latin1')
    garbled.write('}', 9, 'latin1')
    expect(readFrame(garbled, 'TEST')).toBeUndefined() // the header is no longer JSON
  })

  it('hashes text by UTF-16 units and bytes alike for ASCII, and finds the first of equal hashes', () => {
    expect(fnv1a('')).toBe(0x811c9dc5)
    expect(fnv1a('a')).toBe(0xe40c292c) // FNV-1a 32-bit of "a"
    const ascii = Buffer.from('ada@example.org')
    expect(fnv1aBytes(ascii, 0, ascii.length)).toBe(fnv1a('ada@example.org'))
    const sorted = Uint32Array.from([1, 3, 3, 3, 7])
    expect([0, 1, 2, 3, 4, 7, 8].map((v) => lowerBound(sorted, v))).toEqual([0, 0, 1, 1, 4, 4, 5])
    expect(lowerBound(sorted, 7, 3)).toBe(3)
  })
})
