import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { cleanUpload, storeUploadedImage } from './images.js'
import { sanitizeSvg } from './svg-sanitize.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-img-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function png(width: number, height: number): Buffer {
  const p = new PNG({ width, height })
  for (let i = 0; i < p.data.length; i += 4) p.data.set([200, 40, 90, 255], i)
  return PNG.sync.write(p)
}
function jpg(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 180)
  return jpeg.encode({ width, height, data }, 80).data
}
function crc32(buf: Buffer): number {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}
/** A PNG whose IHDR claims width×height, with a tiny IDAT (a decompression bomb's header). */
/** A PNG header claiming width×height; the pixel data is `idat` (by default a little real data). */
function bomb(
  width: number,
  height: number,
  idat: Buffer = deflateSync(Buffer.alloc(1024))
): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function refusal(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(KilnFailure)
    expect((error as KilnFailure).code).toBe('IMAGE_REJECTED')
    return (error as KilnFailure).message
  }
  throw new Error('expected the image to be refused')
}

const svg = (body: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"${attrs}>${body}</svg>`

describe('uploaded raster images', () => {
  it('accepts a PNG and re-encodes it', () => {
    const clean = cleanUpload(png(64, 32))
    expect([clean.width, clean.height]).toEqual([64, 32])
    expect(PNG.sync.read(clean.png).width).toBe(64)
  })

  it('converts a JPEG to PNG, even when it was named .png', () => {
    const clean = cleanUpload(jpg(40, 30))
    expect(clean.png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([clean.width, clean.height]).toEqual([40, 30])
  })

  it('refuses a decompression bomb from its header, before decoding', () => {
    expect(refusal(() => cleanUpload(bomb(20000, 20000)))).toMatch(
      /20000×20000.*decompression bomb/
    )
    expect(refusal(() => cleanUpload(bomb(4096, 4097)))).toMatch(/at most 4096×4096/)
    // Pixel data that is not even zlib: decoding would fail with another message, so the
    // refusal came from the header alone (how fast: bench/responsiveness.ts).
    const notZlib = Buffer.from('this is not a zlib stream')
    expect(refusal(() => cleanUpload(bomb(20000, 20000, notZlib)))).toMatch(
      /20000×20000.*decompression bomb/
    )
    expect(refusal(() => cleanUpload(bomb(64, 64, notZlib)))).not.toMatch(/decompression bomb/)
  })

  it('refuses a JPEG whose frame header claims a huge size', () => {
    const j = jpg(16, 16)
    const sof = j.indexOf(Buffer.from([0xff, 0xc0]))
    j.writeUInt16BE(30000, sof + 5)
    j.writeUInt16BE(30000, sof + 7)
    expect(refusal(() => cleanUpload(j))).toMatch(/30000×30000/)
  })

  it('refuses truncated PNG and JPEG files', () => {
    const p = png(64, 64)
    expect(refusal(() => cleanUpload(p.subarray(0, p.length - 20)))).toMatch(/truncated/)
    expect(refusal(() => cleanUpload(p.subarray(0, 40)))).toMatch(/truncated|IDAT/)
    const j = jpg(64, 64)
    expect(refusal(() => cleanUpload(j.subarray(0, j.length - 200)))).toMatch(
      /truncated|cannot be decoded/
    )
    expect(refusal(() => cleanUpload(j.subarray(0, 100)))).toMatch(/truncated/)
  })

  it('refuses text, GIFs and empty files whatever their name says', () => {
    expect(refusal(() => cleanUpload(Buffer.from('hello, I am a PNG')))).toMatch(
      /not a PNG, JPEG or SVG/
    )
    expect(refusal(() => cleanUpload(Buffer.from('GIF89a....')))).toMatch(/GIF/)
    expect(refusal(() => cleanUpload(Buffer.alloc(0)))).toMatch(/empty/)
    expect(refusal(() => cleanUpload(Buffer.alloc(6 * 1024 * 1024, 1)))).toMatch(/at most 5 MB/)
  })

  it('stores nothing when an image is refused', async () => {
    await expect(storeUploadedImage(dir, bomb(20000, 20000))).rejects.toThrow(/refused/)
    await expect(
      storeUploadedImage(dir, Buffer.from(svg('<script>alert(1)</script>')))
    ).rejects.toThrow(/script/)
    expect(readdirSync(dir)).toEqual([])
    const ok = await storeUploadedImage(dir, png(8, 8))
    expect(readdirSync(dir)).toEqual([`${ok.sha256}.png`])
  })
})

describe('uploaded SVG', () => {
  const hostile: [string, string, RegExp][] = [
    ['script', svg('<script>alert(1)</script>'), /<script>/],
    ['CDATA script', svg('<script><![CDATA[alert(1)]]></script>'), /<script>/],
    [
      'onload',
      svg('<rect width="10" height="10"/>', ' onload="alert(1)"'),
      /event handler \(onload/
    ],
    ['onclick on a child', svg('<circle r="4" onclick="x()"/>'), /event handler/],
    [
      'external href',
      svg('<image href="https://evil.example/x.png" width="10" height="10"/>'),
      /links to/
    ],
    [
      'xlink:href file',
      svg(
        '<image xlink:href="file:///etc/passwd" width="1" height="1"/>',
        ' xmlns:xlink="http://www.w3.org/1999/xlink"'
      ),
      /links to/
    ],
    [
      'javascript: href',
      svg('<a href="javascript:alert(1)"><rect width="5" height="5"/></a>'),
      /links to/
    ],
    [
      'data:text/html',
      svg('<image href="data:text/html;base64,PHNjcmlwdD4=" width="5" height="5"/>'),
      /links to/
    ],
    ['use of an outside file', svg('<use href="other.svg#icon"/>'), /links to/],
    ['nested svg with href', svg('<svg><image href="http://x.example/a.png"/></svg>'), /links to/],
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${svg('<text>&lol2;</text>')}`,
      /DOCTYPE/
    ],
    ['undeclared entity', svg('<text>&xxe;</text>'), /entity/],
    [
      'foreignObject',
      svg('<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>'),
      /foreignObject/
    ],
    [
      'CSS url()',
      svg('<style>rect { fill: url(https://evil.example/x) }</style><rect width="5" height="5"/>'),
      /external resource/
    ],
    ['CSS @import', svg('<style>@import "https://evil.example/x.css";</style>'), /@import/],
    [
      'style attribute url()',
      svg('<rect style="fill:url(&quot;http://e.example/p&quot;)" width="5" height="5"/>'),
      /external resource/
    ],
    [
      'use chain bomb',
      svg(
        '<defs><g id="a"><rect width="1" height="1"/></g><g id="b"><use href="#a"/><use href="#a"/></g></defs><use href="#b"/>'
      ),
      /nests <use>/
    ],
    [
      'embedded PNG bomb',
      svg(
        `<image width="5" height="5" href="data:image/png;base64,${bomb(20000, 20000).toString('base64')}"/>`
      ),
      /decompression bomb/
    ],
    ['truncated', '<svg xmlns="http://www.w3.org/2000/svg"><g><rect width="5"', /refused/],
    ['not svg root', '<html><svg/></html>', /not a PNG, JPEG or SVG|root/]
  ]
  for (const [name, text, reason] of hostile) {
    it(`refuses ${name}`, () => {
      expect(refusal(() => cleanUpload(Buffer.from(text)))).toMatch(reason)
    })
  }

  it('keeps the drawing, drops editor clutter and renders it to PNG', () => {
    const text = svg(
      '<metadata><rdf:RDF/></metadata><sodipodi:namedview/><defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>' +
        '<rect width="100" height="100" fill="url(#g)" inkscape:label="bg"/><use href="#g"/>'
    )
    const clean = sanitizeSvg(text)
    expect(clean).not.toMatch(/metadata|sodipodi|inkscape/)
    expect(clean).toContain('fill="url(#g)"')
    const out = cleanUpload(Buffer.from(text))
    expect(Math.max(out.width, out.height)).toBe(600)
  })

  it('keeps embedded PNG images', () => {
    const text = svg(
      `<image width="50" height="50" href="data:image/png;base64,${png(4, 4).toString('base64')}"/>`
    )
    expect(sanitizeSvg(text)).toContain('data:image/png;base64,')
  })
})
