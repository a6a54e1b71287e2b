/**
 * `node:zlib` for the site's browser scripts: the two functions baking/png.ts uses, so the
 * browser bakes with the very code `kiln export credential` runs (esbuild maps node:zlib here,
 * verifier-bundle.ts). CRC-32 is the IEEE polynomial zlib uses (eight lines; no library
 * exports it); inflate is fflate's zlib-format decoder, like Node's inflateSync.
 */
import { unzlibSync } from 'fflate'

const TABLE = new Uint32Array(256)
for (let n = 0; n < 256; n++) {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  TABLE[n] = c >>> 0
}

/** CRC-32 of `data`, continuing from `value` (as Node's zlib.crc32). */
export function crc32(data: Uint8Array | string, value = 0): number {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  let c = (value ^ 0xffffffff) >>> 0
  for (let i = 0; i < bytes.length; i++) {
    c = (TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8)
  }
  return (c ^ 0xffffffff) >>> 0
}

/** zlib-wrapped inflate; refuses output beyond `maxOutputLength` (as Node does). */
export function inflateSync(
  data: Uint8Array,
  options: { maxOutputLength?: number } = {}
): Uint8Array {
  const out = unzlibSync(data)
  if (options.maxOutputLength !== undefined && out.length > options.maxOutputLength) {
    throw new RangeError('inflated data is larger than allowed')
  }
  return out
}
