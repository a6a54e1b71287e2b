/**
 * Reads an uploaded image's header before anything decodes it: the format from its bytes
 * (never from a file name), its dimensions, and whether it is complete. Limits are checked
 * here so a decompression bomb is refused without inflating a single row.
 */
import { fail } from '../failure.js'

export const IMAGE_LIMITS = {
  /** Bytes of the uploaded file. */
  maxBytes: 5 * 1024 * 1024,
  /** Largest width or height. */
  maxSide: 4096,
  /** Largest decoded size in pixels (width × height). */
  maxPixels: 4096 * 4096
} as const

export type ImageFormat = 'png' | 'jpeg' | 'svg'
export type ImageHeader = Readonly<{ format: 'png' | 'jpeg'; width: number; height: number }>

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function rejectImage(why: string): never {
  return fail('IMAGE_REJECTED', `The image was refused: ${why}`)
}

/** The format the bytes really are, or a refusal saying what they look like. */
export function sniffFormat(bytes: Uint8Array): ImageFormat {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.length === 0) rejectImage('the file is empty.')
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png'
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  const head = b
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(head)) {
    return 'svg'
  }
  if (/^\s*<svg|<svg[\s>]/i.test(head)) return 'svg'
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') {
    rejectImage('GIF images are not accepted; use PNG, JPEG or SVG.')
  }
  if (b.subarray(0, 4).toString('latin1') === 'RIFF') {
    rejectImage('WebP images are not accepted; use PNG, JPEG or SVG.')
  }
  return rejectImage(
    'the file is not a PNG, JPEG or SVG image (its content does not match any of them).'
  )
}

function checkDimensions(width: number, height: number): void {
  if (width === 0 || height === 0) rejectImage(`its size is ${width}×${height} pixels.`)
  const { maxSide, maxPixels } = IMAGE_LIMITS
  if (width > maxSide || height > maxSide || width * height > maxPixels) {
    rejectImage(
      `it is ${width}×${height} pixels; at most ${maxSide}×${maxSide} is accepted ` +
        '(a small file that claims a huge size is a decompression bomb).'
    )
  }
}

/** Walks every chunk (lengths inside the file, IHDR first, IDAT present, IEND last) before decoding. */
export function inspectPng(b: Buffer): ImageHeader {
  if (b.length < 8 + 25 || b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') {
    rejectImage('the PNG has no valid header (IHDR).')
  }
  const width = b.readUInt32BE(16)
  const height = b.readUInt32BE(20)
  checkDimensions(width, height)
  let at = 8
  let idat = 0
  let ended = false
  while (at < b.length) {
    if (at + 12 > b.length) rejectImage('the PNG is truncated (a chunk is cut off).')
    const length = b.readUInt32BE(at)
    const type = b.toString('latin1', at + 4, at + 8)
    if (length > 0x7fffffff || at + 12 + length > b.length) {
      rejectImage(
        `the PNG is truncated (chunk ${JSON.stringify(type)} runs past the end of the file).`
      )
    }
    if (type === 'IDAT') idat += length
    at += 12 + length
    if (type === 'IEND') {
      ended = true
      break
    }
  }
  if (idat === 0) rejectImage('the PNG has no image data (IDAT).')
  if (!ended) rejectImage('the PNG is truncated (no IEND chunk).')
  return { format: 'png', width, height }
}

const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf
])

/** Reads the JPEG markers up to the start of scan; the frame header (SOF) gives the size. */
export function inspectJpeg(b: Buffer): ImageHeader {
  let at = 2
  let size: { width: number; height: number } | undefined
  for (;;) {
    while (at < b.length && b[at] === 0xff && b[at + 1] === 0xff) at++
    if (at + 4 > b.length) rejectImage('the JPEG is truncated (it ends before its image data).')
    if (b[at] !== 0xff) rejectImage('the JPEG is damaged (a marker is missing).')
    const marker = b[at + 1] ?? 0
    const length = b.readUInt16BE(at + 2)
    if (length < 2 || at + 2 + length > b.length) {
      rejectImage('the JPEG is truncated (a segment runs past the end).')
    }
    if (SOF_MARKERS.has(marker)) {
      if (length < 8) rejectImage('the JPEG frame header is too short.')
      size = { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) }
      checkDimensions(size.width, size.height)
    }
    if (marker === 0xda) break
    at += 2 + length
  }
  if (!size) rejectImage('the JPEG has no frame header (SOF) before its image data.')
  const tail = b.subarray(Math.max(at, b.length - 1024))
  let hasEnd = false
  for (let i = tail.length - 2; i >= 0; i--) {
    if (tail[i] === 0xff && tail[i + 1] === 0xd9) {
      hasEnd = true
      break
    }
  }
  if (!hasEnd) rejectImage('the JPEG is truncated (no end-of-image marker).')
  return { format: 'jpeg', ...size }
}
