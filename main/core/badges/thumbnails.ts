/** Small square thumbnails of stored images for the catalog list, kept in a bounded memory cache. */
import { pngInSquare } from './render-png.js'

const MAX_ENTRIES = 3000
const cache = new Map<string, Buffer>()

export function thumbnail(sha256: string, png: Buffer, size: number): Buffer {
  const key = `${sha256}:${size}`
  const hit = cache.get(key)
  if (hit) return hit
  const small = pngInSquare(png, png.readUInt32BE(16), png.readUInt32BE(20), size)
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  cache.set(key, small)
  return small
}
