import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { KilnFailure } from '../failure.js'
import { sniffFormat, unbakeAny } from './detect.js'
import { bakePng } from './png.js'

const bytes = (...parts: string[]): Uint8Array =>
  new Uint8Array(fs.readFileSync(vendorFile(...parts)))
const vector = (name: string): Uint8Array => bytes('vectors', '1edtech-ob-v3p0', name)
/** The baked fixtures carry the same credential as validator-fixture-simple.json, signed by another key. */
function withoutProof(credential: unknown): unknown {
  const { proof: _proof, ...rest } = credential as Record<string, unknown>
  return rest
}
const simpleJson: unknown = JSON.parse(
  new TextDecoder().decode(vector('validator-fixture-simple.json'))
)

describe('unbakeAny', () => {
  it('reads all four 1EdTech baked fixtures by content, not by name', () => {
    const png = unbakeAny(vector('validator-fixture-simple-json.png'))
    expect(png).toMatchObject({ format: 'png', encoding: 'json', obVersion: 3 })
    expect(withoutProof(JSON.parse(png?.credentialText ?? ''))).toEqual(withoutProof(simpleJson))
    const svg = unbakeAny(vector('validator-fixture-simple-json.svg'))
    expect(svg).toMatchObject({ format: 'svg', encoding: 'json', obVersion: 3 })
    expect(withoutProof(JSON.parse(svg?.credentialText ?? ''))).toEqual(withoutProof(simpleJson))
    expect(unbakeAny(vector('validator-fixture-simple-jwt.png'))).toMatchObject({
      format: 'png',
      encoding: 'jwt'
    })
    expect(unbakeAny(vector('validator-fixture-simple-jwt.svg'))).toMatchObject({
      format: 'svg',
      encoding: 'jwt'
    })
  })

  it('passes JSON and compact JWS files through (BOM and whitespace tolerated)', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...vector('validator-fixture-simple.json')])
    expect(unbakeAny(withBom)?.format).toBe('json')
    expect(JSON.parse(unbakeAny(withBom)?.credentialText ?? '')).toEqual(simpleJson)
    const jwt = unbakeAny(vector('validator-fixture-simple.jwt'))
    expect(jwt).toMatchObject({ format: 'jwt', encoding: 'jwt' })
    expect(jwt?.credentialText.split('.')).toHaveLength(3)
  })

  it('falls back to the OB 2.0 keyword in a PNG', () => {
    const baked = bakePng(bytes('fixtures', 'icon-256.png'), 'openbadges', '{"type":"Assertion"}')
    expect(unbakeAny(baked)).toEqual({
      format: 'png',
      credentialText: '{"type":"Assertion"}',
      encoding: 'json',
      obVersion: 2
    })
  })

  it('returns undefined for an image with nothing baked', () => {
    expect(unbakeAny(bytes('fixtures', 'icon-256.png'))).toBeUndefined()
    expect(unbakeAny(bytes('fixtures', 'icon.svg'))).toBeUndefined()
  })

  it('rejects other files with UNREADABLE_INPUT', () => {
    for (const junk of [
      Uint8Array.of(0xff, 0xd8, 0xff, 0xe0),
      new TextEncoder().encode('name,email\n'),
      new Uint8Array()
    ]) {
      expect(sniffFormat(junk)).toBeUndefined()
      expect(() => unbakeAny(junk)).toThrow(KilnFailure)
    }
    expect(sniffFormat(new TextEncoder().encode('<?xml version="1.0"?>\n<!-- x -->\n<svg/>'))).toBe(
      'svg'
    )
    expect(sniffFormat(new TextEncoder().encode('<html/>'))).toBeUndefined()
  })
})
