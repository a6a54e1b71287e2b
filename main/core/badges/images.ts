/**
 * The station's image store: every image is kept as a PNG named by its SHA-256 (so a badge
 * version's image never changes under it). Uploads are checked before anything is decoded
 * (image-inspect.ts), SVG is sanitised (svg-sanitize.ts), JPEG and SVG are converted to PNG,
 * and PNG is decoded and re-encoded so only clean pixels are stored. Nothing is written for a
 * refused image.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type * as JpegJs from 'jpeg-js'
import type * as Pngjs from 'pngjs'
import type { PNG } from 'pngjs'
import { fail } from '../failure.js'
import { lazyRequire } from '../platform/lazy-require.js'
import { writeFileAtomic } from '../storage/atomic-write.js'
import { IMAGE_LIMITS, inspectJpeg, inspectPng, rejectImage, sniffFormat } from './image-inspect.js'
import { BADGE_SIZE, pngInSquare, svgToPng } from './render-png.js'
import { sanitizeSvg } from './svg-sanitize.js'

export { BADGE_SIZE, svgToPng } from './render-png.js'

export type CleanImage = Readonly<{ png: Buffer; width: number; height: number }>

// Decoders load with the first upload: reading stored images needs neither.
const pngjs = lazyRequire<typeof Pngjs>('pngjs')
const jpegJs = lazyRequire<typeof JpegJs>('jpeg-js')

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function imageFile(imagesDir: string, sha256: string): string {
  return path.join(imagesDir, `${sha256}.png`)
}

export function readImage(imagesDir: string, sha256: string): Buffer {
  const file = imageFile(imagesDir, sha256)
  if (!/^[0-9a-f]{64}$/.test(sha256) || !existsSync(file)) {
    fail('NOT_FOUND', `The image ${sha256.slice(0, 12)}… is not in the station's image store.`)
  }
  return readFileSync(file)
}

function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const { PNG } = pngjs()
  const png = new PNG({ width, height })
  Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength).copy(png.data)
  return PNG.sync.write(png, { colorType: 6 })
}

function cleanPng(bytes: Buffer): CleanImage {
  const { width, height } = inspectPng(bytes)
  let decoded: PNG
  try {
    decoded = pngjs().PNG.sync.read(bytes)
  } catch (error) {
    return rejectImage(`the PNG cannot be decoded (${(error as Error).message}).`)
  }
  if (decoded.width !== width || decoded.height !== height) {
    rejectImage('the PNG header does not match its data.')
  }
  return { png: encodePng(width, height, decoded.data), width, height }
}

function cleanJpeg(bytes: Buffer): CleanImage {
  const { width, height } = inspectJpeg(bytes)
  let decoded: { width: number; height: number; data: Uint8Array }
  try {
    decoded = jpegJs().decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: IMAGE_LIMITS.maxPixels / 1_000_000,
      maxMemoryUsageInMB: 256
    })
  } catch (error) {
    return rejectImage(`the JPEG cannot be decoded (${(error as Error).message}).`)
  }
  if (decoded.width !== width || decoded.height !== height) {
    rejectImage('the JPEG header does not match its data.')
  }
  return { png: encodePng(width, height, decoded.data), width, height }
}

function cleanSvg(bytes: Buffer): CleanImage {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return rejectImage('the SVG is not valid UTF-8 text.')
  }
  const png = svgToPng(sanitizeSvg(text.replace(/^\uFEFF/, '')), BADGE_SIZE)
  return { png, width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/** Checks and converts untrusted image bytes (PNG, JPEG or SVG) to a clean PNG. Stores nothing. */
export function cleanUpload(bytes: Buffer): CleanImage {
  if (bytes.length > IMAGE_LIMITS.maxBytes) {
    rejectImage(
      `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most 5 MB is accepted.`
    )
  }
  const format = sniffFormat(bytes)
  if (format === 'png') return cleanPng(bytes)
  if (format === 'jpeg') return cleanJpeg(bytes)
  return cleanSvg(bytes)
}

/** Cleans and stores an upload at its own size; returns its hash and the stored PNG. */
export async function storeUploadedImage(
  imagesDir: string,
  bytes: Buffer
): Promise<CleanImage & { sha256: string }> {
  const clean = cleanUpload(bytes)
  return { ...clean, sha256: await storePng(imagesDir, clean.png) }
}

/** The stored image `sha256` fitted into a 600×600 badge PNG (aspect kept), stored; returns its hash. */
export async function storeAsBadgeImage(imagesDir: string, sha256: string): Promise<string> {
  const png = readImage(imagesDir, sha256)
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  if (width === BADGE_SIZE && height === BADGE_SIZE) return sha256
  return storePng(imagesDir, pngInSquare(png, width, height, BADGE_SIZE))
}

export async function storePng(imagesDir: string, png: Buffer): Promise<string> {
  const hash = sha256Hex(png)
  mkdirSync(imagesDir, { recursive: true })
  const file = imageFile(imagesDir, hash)
  if (!existsSync(file)) await writeFileAtomic(file, png)
  return hash
}
