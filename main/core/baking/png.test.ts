import fs from 'node:fs'
import { crc32 } from 'node:zlib'
import { deflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { KilnFailure } from '../failure.js'
import { bakePng, readPngChunks, unbakePng } from './png.js'

const fixture = (name: string): Uint8Array =>
  new Uint8Array(fs.readFileSync(vendorFile('vectors', '1edtech-ob-v3p0', name)))
const icon = new Uint8Array(fs.readFileSync(vendorFile('fixtures', 'icon-256.png')))
const simpleJson: unknown = JSON.parse(
  fs.readFileSync(vendorFile('vectors', '1edtech-ob-v3p0', 'validator-fixture-simple.json'), 'utf8')
)

/** The baked fixtures carry the same credential as validator-fixture-simple.json, signed by another key. */
function withoutProof(credential: unknown): unknown {
  const { proof: _proof, ...rest } = credential as Record<string, unknown>
  return rest
}

function keywordOf(data: Uint8Array): string {
  return Buffer.from(data.subarray(0, data.indexOf(0))).toString('latin1')
}

function credentialChunks(png: Uint8Array, keyword = 'openbadgecredential') {
  return readPngChunks(png).filter(
    (c) => ['iTXt', 'tEXt', 'zTXt'].includes(c.type) && keywordOf(c.data) === keyword
  )
}

function expectUnreadable(fn: () => unknown, message: RegExp): void {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(KilnFailure)
    expect((e as KilnFailure).code).toBe('UNREADABLE_INPUT')
    expect((e as KilnFailure).message).toMatch(message)
    return
  }
  throw new Error('expected a KilnFailure')
}

/** A raw chunk with a correct CRC, for building test PNGs by hand. */
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])))
  return Buffer.concat([head, data, crc])
}

function insertBeforeIend(png: Uint8Array, extra: Buffer): Uint8Array {
  const iend = png.length - 12
  return new Uint8Array(Buffer.concat([png.subarray(0, iend), extra, png.subarray(iend)]))
}

describe('unbakePng on the 1EdTech validator fixtures', () => {
  it('reads the embedded-proof credential JSON', () => {
    const text = unbakePng(fixture('validator-fixture-simple-json.png'))
    expect(text).toBeDefined()
    const credential = JSON.parse(text ?? '') as {
      proof: Array<{ type: string; cryptosuite: string }>
    }
    expect(withoutProof(credential)).toEqual(withoutProof(simpleJson))
    expect(credential.proof[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022'
    })
  })

  it('reads the VC-JWT as a compact JWS whose payload is an OpenBadgeCredential', () => {
    const jwt = unbakePng(fixture('validator-fixture-simple-jwt.png')) ?? ''
    const parts = jwt.split('.')
    expect(parts).toHaveLength(3)
    const payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as {
      type: string[]
    }
    expect(payload.type).toContain('OpenBadgeCredential')
  })

  it('finds nothing under the OB 2.0 keyword and nothing in a plain PNG', () => {
    expect(unbakePng(fixture('validator-fixture-simple-json.png'), 'openbadges')).toBeUndefined()
    expect(unbakePng(icon)).toBeUndefined()
  })
})

describe('bakePng', () => {
  it('round-trips, puts one valid iTXt just before IEND and copies every other chunk byte for byte', () => {
    const baked = bakePng(icon, 'openbadgecredential', '{"a":1}')
    expect(unbakePng(baked)).toBe('{"a":1}')
    const before = readPngChunks(icon)
    const after = readPngChunks(baked) // checks every CRC
    expect(after.map((c) => c.type)).toEqual([
      ...before.slice(0, -1).map((c) => c.type),
      'iTXt',
      'IEND'
    ])
    const original = Buffer.from(icon)
    expect(
      Buffer.from(baked.subarray(0, original.length - 12)).equals(original.subarray(0, -12))
    ).toBe(true)
    const itxt = after.at(-2)
    // keyword, NUL, flag 0, method 0, empty language + NUL, empty translated keyword + NUL
    expect(Buffer.from(itxt?.data.subarray(0, 24) ?? []).toString('latin1')).toBe(
      'openbadgecredential\0\0\0\0\0'
    )
  })

  it('keeps the image decodable by pngjs with identical pixels', () => {
    const baked = bakePng(icon, 'openbadgecredential', 'x'.repeat(5000))
    const a = PNG.sync.read(Buffer.from(icon))
    const b = PNG.sync.read(Buffer.from(baked))
    expect([b.width, b.height]).toEqual([a.width, a.height])
    expect(Buffer.compare(a.data, b.data)).toBe(0)
  })

  it('re-baking replaces: exactly one credential chunk, the newest text', () => {
    const once = bakePng(icon, 'openbadgecredential', 'first')
    const twice = bakePng(once, 'openbadgecredential', 'second')
    expect(credentialChunks(twice)).toHaveLength(1)
    expect(unbakePng(twice)).toBe('second')
    expect(twice.length).toBe(once.length + 1)
  })

  it('re-baking also removes tEXt and zTXt chunks with the same keyword, and leaves other keywords', () => {
    const keyword = Buffer.from('openbadges\0', 'latin1')
    let png = insertBeforeIend(
      icon,
      chunk('tEXt', Buffer.concat([keyword, Buffer.from('https://x/a.json')]))
    )
    png = insertBeforeIend(
      png,
      chunk('zTXt', Buffer.concat([keyword, Buffer.of(0), deflateSync('old')]))
    )
    png = insertBeforeIend(png, chunk('tEXt', Buffer.from('Comment\0keep me', 'latin1')))
    expect(unbakePng(png, 'openbadges')).toBe('https://x/a.json') // legacy OB 2.0 tEXt URL
    const baked = bakePng(png, 'openbadges', '{"type":"Assertion"}')
    expect(credentialChunks(baked, 'openbadges').map((c) => c.type)).toEqual(['iTXt'])
    expect(unbakePng(baked, 'openbadges')).toBe('{"type":"Assertion"}')
    expect(readPngChunks(baked).filter((c) => keywordOf(c.data) === 'Comment')).toHaveLength(1)
  })

  it('Unicode text (CJK, emoji, combining marks) survives as UTF-8', () => {
    const text = JSON.stringify({ name: '陶芸バッジ 🏺🔥 — Zoë', note: 'ñ\u0301 𝄞' })
    expect(unbakePng(bakePng(icon, 'openbadgecredential', text))).toBe(text)
  })

  it('keeps the 1EdTech fixture readable after re-baking it', () => {
    const baked = bakePng(
      fixture('validator-fixture-simple-json.png'),
      'openbadgecredential',
      '{"b":2}'
    )
    expect(credentialChunks(baked)).toHaveLength(1)
    expect(unbakePng(baked)).toBe('{"b":2}')
    expect(readPngChunks(baked).filter((c) => c.type === 'tEXt')).toHaveLength(2) // date:create/modify kept
  })

  it('refuses an empty text', () => {
    expect(() => bakePng(icon, 'openbadgecredential', '')).toThrow(/empty/)
  })
})

describe('damaged input', () => {
  it('rejects a file without the PNG signature', () => {
    expectUnreadable(
      () => bakePng(new TextEncoder().encode('<svg/>'), 'openbadgecredential', 'x'),
      /signature/
    )
  })

  it('rejects a truncated PNG, naming the chunk', () => {
    expectUnreadable(
      () => bakePng(icon.subarray(0, 5000), 'openbadgecredential', 'x'),
      /truncated: chunk #2 \(IDAT\)/
    )
    expectUnreadable(() => unbakePng(icon.subarray(0, icon.length - 12)), /truncated.*no IEND/)
  })

  it('rejects a PNG with a flipped byte in the pixel data, naming the chunk and the CRCs', () => {
    const corrupt = new Uint8Array(icon)
    corrupt[100] = (corrupt[100] ?? 0) ^ 0x01
    expectUnreadable(
      () => bakePng(corrupt, 'openbadgecredential', 'x'),
      /chunk #2 \(IDAT\) at byte 33 is corrupt: CRC \w{8} stored/
    )
  })

  it('rejects a PNG whose first chunk is not IHDR', () => {
    const noIhdr = new Uint8Array(
      Buffer.concat([Buffer.from(icon.subarray(0, 8)), Buffer.from(icon.subarray(33))])
    )
    expectUnreadable(() => readPngChunks(noIhdr), /IHDR/)
  })

  it('reads a compressed iTXt written by another tool', () => {
    const text = '{"compressed":"ja 🎉"}'
    const data = Buffer.concat([
      Buffer.from('openbadgecredential\0', 'latin1'),
      Buffer.of(1, 0),
      Buffer.from('en\0\0', 'latin1'),
      deflateSync(Buffer.from(text, 'utf8'))
    ])
    expect(unbakePng(insertBeforeIend(icon, chunk('iTXt', data)))).toBe(text)
  })

  it('rejects a malformed iTXt with the keyword', () => {
    const data = Buffer.from('openbadgecredential\0\0\0no-more-separators', 'latin1')
    expectUnreadable(() => unbakePng(insertBeforeIend(icon, chunk('iTXt', data))), /malformed/)
  })
})
