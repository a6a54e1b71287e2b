import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { KilnFailure } from '../failure.js'
import { baseInput, newIssuer, signCredential } from '../credentials/test-kit.js'
import { verifyCredential } from '../credentials/verify.js'
import { unbakePng } from './png.js'
import { OB3_SVG_NAMESPACE, bakeSvg, unbakeSvg } from './svg.js'
import { scanXml } from './xml-scan.js'

const vector = (name: string): string =>
  fs.readFileSync(vendorFile('vectors', '1edtech-ob-v3p0', name), 'utf8')
const icon = fs.readFileSync(vendorFile('fixtures', 'icon.svg'), 'utf8')
const simpleJson: unknown = JSON.parse(vector('validator-fixture-simple.json'))

/** The baked fixtures carry the same credential as validator-fixture-simple.json, signed by another key. */
function withoutProof(credential: unknown): unknown {
  const { proof: _proof, ...rest } = credential as Record<string, unknown>
  return rest
}

const count = (text: string, needle: string): number => text.split(needle).length - 1

describe('unbakeSvg on the 1EdTech validator fixtures', () => {
  it('reads the embedded-proof credential from the CDATA body', () => {
    const found = unbakeSvg(vector('validator-fixture-simple-json.svg'))
    expect(found?.kind).toBe('json')
    expect(found?.element).toBe('credential')
    expect(withoutProof(JSON.parse(found?.text ?? ''))).toEqual(withoutProof(simpleJson))
    const fromPng = unbakePng(
      new Uint8Array(
        fs.readFileSync(
          vendorFile('vectors', '1edtech-ob-v3p0', 'validator-fixture-simple-json.png')
        )
      )
    )
    expect(JSON.parse(found?.text ?? '')).toEqual(JSON.parse(fromPng ?? '')) // same credential, proof included
  })

  it('reads the VC-JWT from the verify attribute', () => {
    const found = unbakeSvg(vector('validator-fixture-simple-jwt.svg'))
    expect(found?.kind).toBe('jwt')
    const parts = (found?.text ?? '').split('.')
    expect(parts).toHaveLength(3)
    const payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as {
      type: string[]
    }
    expect(payload.type).toContain('OpenBadgeCredential')
  })

  it('finds nothing in a plain SVG', () => {
    expect(unbakeSvg(icon)).toBeUndefined()
  })
})

describe('bakeSvg', () => {
  const json = JSON.stringify(simpleJson)

  it('declares the namespace, puts the element directly after <svg …> and round-trips', () => {
    const baked = bakeSvg(icon, json)
    expect(baked).toContain(`xmlns:openbadges="${OB3_SVG_NAMESPACE}"`)
    expect(baked).toMatch(/^<svg [^>]*><openbadges:credential><!\[CDATA\[\{/)
    expect(unbakeSvg(baked)).toEqual({ kind: 'json', text: json, element: 'credential' })
    // everything after the inserted element is the original document
    expect(baked.endsWith(icon.slice(icon.indexOf('>') + 1))).toBe(true)
  })

  it('replaces an existing credential (exactly one element, newest content) and is stable', () => {
    const fixture = vector('validator-fixture-simple-json.svg')
    const baked = bakeSvg(fixture, '{"new":true}')
    expect(count(baked, '<openbadges:credential')).toBe(1)
    expect(count(baked, 'xmlns:openbadges=')).toBe(1)
    expect(unbakeSvg(baked)?.text).toBe('{"new":true}')
    expect(bakeSvg(baked, '{"new":true}')).toBe(baked)
    expect(bakeSvg(bakeSvg(icon, 'a'.repeat(10)), '{"x":1}')).toBe(bakeSvg(icon, '{"x":1}'))
  })

  it('replaces a JWT credential (verify attribute, self-closing) with the JSON one', () => {
    const baked = bakeSvg(vector('validator-fixture-simple-jwt.svg'), json)
    expect(count(baked, 'openbadges:credential')).toBe(2) // one start tag, one end tag
    expect(baked).not.toContain('verify=')
    expect(unbakeSvg(baked)?.kind).toBe('json')
  })

  it("JSON holding ']]>' stays in ONE CDATA section: '>' is written as \\u003e (same JSON)", () => {
    const value = { note: 'a]]>b ]]]]> <tag> & "q"', n: 1 }
    const tricky = JSON.stringify(value)
    const baked = bakeSvg(icon, tricky)
    expect(() => scanXml(baked)).not.toThrow()
    expect(count(baked, '<![CDATA[')).toBe(1)
    expect(count(baked, ']]>')).toBe(1)
    // What a naive extractor takes (text between the first '<![CDATA[' and the first ']]>').
    const naive = baked.slice(baked.indexOf('<![CDATA[') + 9, baked.indexOf(']]>'))
    expect(JSON.parse(naive)).toEqual(value)
    expect(naive).not.toContain('>')
    expect(JSON.parse(unbakeSvg(baked)?.text ?? '')).toEqual(value)
  })

  it("a signed credential whose name holds ']]>' unbakes whole and still verifies", async () => {
    const issuer = newIssuer('key')
    const signed = await signCredential(
      issuer,
      baseInput(issuer.profile, {
        recipient: { name: 'Ana ]]> <b>Bold</b>', email: 'ana@example.org', salt: 'ab'.repeat(16) }
      })
    )
    const baked = bakeSvg(icon, JSON.stringify(signed))
    expect(count(baked, '<![CDATA[')).toBe(1)
    const text = unbakeSvg(baked)?.text ?? ''
    expect(JSON.parse(text)).toEqual(signed)
    const report = await verifyCredential(text, { now: new Date('2025-06-01T00:00:00Z') })
    expect(report.checks.find((c) => c.id === 'proof')?.status).toBe('passed')
  })

  it("still reads an SVG baked before the escape (CDATA split at ']]>'), and splits non-JSON text", () => {
    const older =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">' +
      '<openbadges:credential><![CDATA[{"name":"a]]]]><![CDATA[>b"}]]></openbadges:credential></svg>'
    expect(JSON.parse(unbakeSvg(older)?.text ?? '')).toEqual({ name: 'a]]>b' })
    const notJson = 'x]]>y'
    const baked = bakeSvg(icon, notJson)
    expect(baked).toContain('<![CDATA[x]]]]><![CDATA[>y]]>')
    expect(unbakeSvg(baked)?.text).toBe(notJson)
  })

  it('Unicode (CJK, emoji) survives', () => {
    const text = JSON.stringify({ name: '陶芸バッジ 🏺🔥 Zoë' })
    expect(unbakeSvg(bakeSvg(icon, text))?.text).toBe(text)
  })

  it("is not fooled by '>' inside attribute values, comments or a DOCTYPE subset", () => {
    const svg =
      '<?xml version="1.0"?>\n<!-- <svg> in a comment -->\n<!DOCTYPE svg [ <!ENTITY a "b>c"> ]>\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" data-x="a>b" data-y=\'<c>\'><title>t &gt; u</title></svg>'
    const baked = bakeSvg(svg, '{"k":1}')
    expect(baked).toContain(
      `data-y='<c>' xmlns:openbadges="${OB3_SVG_NAMESPACE}"><openbadges:credential>`
    )
    expect(unbakeSvg(baked)?.text).toBe('{"k":1}')
  })

  it('re-binds an OB 2.0 openbadges prefix and removes a baked OB 2.0 assertion', () => {
    const ob2 =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">' +
      '<openbadges:assertion verify="https://example.org/a.json"></openbadges:assertion><rect/></svg>'
    expect(unbakeSvg(ob2)).toEqual({
      kind: 'url',
      text: 'https://example.org/a.json',
      element: 'assertion'
    })
    const baked = bakeSvg(ob2, '{"k":2}')
    expect(baked).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3_SVG_NAMESPACE}">` +
        '<openbadges:credential><![CDATA[{"k":2}]]></openbadges:credential><rect/></svg>'
    )
  })

  it('finds a credential under another prefix bound to the OB 3.0 namespace', () => {
    const svg = `<svg xmlns:ob="${OB3_SVG_NAMESPACE}"><ob:credential>&lt;{"e":1}</ob:credential></svg>`
    expect(unbakeSvg(svg)?.text).toBe('<{"e":1}')
    expect(count(bakeSvg(svg, '{"k":3}'), 'credential>')).toBe(2)
  })

  it('bakes a self-closing root', () => {
    const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', '{"k":4}')
    expect(baked).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3_SVG_NAMESPACE}">` +
        '<openbadges:credential><![CDATA[{"k":4}]]></openbadges:credential></svg>'
    )
  })

  it('rejects non-SVG and malformed input with a located message', () => {
    const codeOf = (fn: () => unknown): string => {
      try {
        fn()
      } catch (e) {
        return e instanceof KilnFailure ? `${e.code}: ${e.message}` : 'other'
      }
      return 'none'
    }
    expect(codeOf(() => bakeSvg('<html></html>', '{}'))).toMatch(
      /UNREADABLE_INPUT: not an SVG: the root element is <html>/
    )
    expect(codeOf(() => bakeSvg('<svg>\n<g attr="x></svg>', '{}'))).toMatch(
      /UNREADABLE_INPUT: .*line 2.*never closed/
    )
    expect(codeOf(() => unbakeSvg('<svg><openbadges:credential>{}</svg>'))).toMatch(/no end tag/)
    expect(codeOf(() => bakeSvg(icon, '{"bad":"\u0001"}'))).toMatch(/INVALID_INPUT/)
  })
})
