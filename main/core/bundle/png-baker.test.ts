import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { bakePng, unbakePng } from '../baking/png.js'
import { PNG } from 'pngjs'
import { PngBaker } from './png-baker.js'

describe('PngBaker', () => {
  it('bakes byte for byte like bakePng, with the right hash, also re-baking a baked image', () => {
    const image = new PNG({ width: 8, height: 8 })
    image.data.fill(200)
    const png = new Uint8Array(PNG.sync.write(image))
    const texts = ['{"a":1}', JSON.stringify({ name: 'Zoë </script> 名前', n: 'x'.repeat(5000) })]
    for (const source of [png, bakePng(png, 'openbadgecredential', '{"old":true}')]) {
      const baker = new PngBaker(source)
      for (const text of texts) {
        const expected = bakePng(source, 'openbadgecredential', text)
        const { bytes, sha256 } = baker.bake(text)
        expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true)
        expect(sha256).toBe(createHash('sha256').update(expected).digest('hex'))
        expect(unbakePng(bytes)).toBe(text)
      }
    }
  })
})
