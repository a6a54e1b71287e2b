/**
 * The station's image store: every badge image is kept as a PNG named by its
 * SHA-256 (so a version's image never changes under it). Uploads are checked
 * before anything is stored; the full sanitiser and designer come with the catalog.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import { PNG } from 'pngjs'
import { fail } from '../failure.js'
import { writeFileAtomic } from '../storage/atomic-write.js'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const MAX_SIDE = 4096
const MAX_BYTES = 10 * 1024 * 1024
export const BADGE_SIZE = 600

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function imageFile(imagesDir: string, sha256: string): string {
  return path.join(imagesDir, `${sha256}.png`)
}

export function readImage(imagesDir: string, sha256: string): Buffer {
  const file = imageFile(imagesDir, sha256)
  if (!existsSync(file)) fail('NOT_FOUND', `The badge image ${sha256.slice(0, 12)}… is missing.`)
  return readFileSync(file)
}

function checkPng(bytes: Buffer): void {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    fail('IMAGE_REJECTED', 'The file is not a PNG image.')
  }
  const width = bytes.readUInt32BE(16)
  const height = bytes.readUInt32BE(20)
  if (width === 0 || height === 0 || width > MAX_SIDE || height > MAX_SIDE) {
    fail('IMAGE_REJECTED', `The image is ${width}×${height}; at most ${MAX_SIDE}×${MAX_SIDE} is accepted.`)
  }
  try {
    PNG.sync.read(bytes)
  } catch (error) {
    fail('IMAGE_REJECTED', `The PNG cannot be decoded: ${(error as Error).message}.`)
  }
}

const UNSAFE_SVG = /<script|<foreignObject|<!ENTITY|<!DOCTYPE|\son[a-z]+\s*=|(?:href|src)\s*=\s*["']\s*(?!#|data:image\/)/i

/** Renders SVG to a 600×600 PNG without loading anything external. */
export function svgToPng(svg: string): Buffer {
  if (UNSAFE_SVG.test(svg)) {
    fail('IMAGE_REJECTED', 'The SVG contains scripts, event handlers, entities or external references.')
  }
  try {
    const png = new Resvg(svg, {
      fitTo: { mode: 'width', value: BADGE_SIZE },
      font: { loadSystemFonts: false }
    }).render()
    return png.asPng()
  } catch (error) {
    return fail('IMAGE_REJECTED', `The SVG cannot be rendered: ${(error as Error).message}.`)
  }
}

/** Accepts PNG or SVG bytes; returns the stored PNG's SHA-256. Nothing is stored on rejection. */
export async function storeUploadedImage(imagesDir: string, bytes: Buffer): Promise<string> {
  if (bytes.length > MAX_BYTES) fail('IMAGE_REJECTED', 'The image is larger than 10 MB.')
  let png: Buffer
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    checkPng(bytes)
    png = bytes
  } else {
    const text = bytes.toString('utf8')
    if (!/<svg[\s>]/i.test(text)) fail('IMAGE_REJECTED', 'Only PNG and SVG images are accepted.')
    png = svgToPng(text)
  }
  return storePng(imagesDir, png)
}

export async function storePng(imagesDir: string, png: Buffer): Promise<string> {
  const hash = sha256Hex(png)
  mkdirSync(imagesDir, { recursive: true })
  const file = imageFile(imagesDir, hash)
  if (!existsSync(file)) await writeFileAtomic(file, png)
  return hash
}

/** A plain rosette in a colour derived from the badge name: a good-looking default until designed. */
export function defaultBadgeSvg(name: string): string {
  const hue = parseInt(sha256Hex(Buffer.from(name, 'utf8')).slice(0, 4), 16) % 360
  const points: string[] = []
  for (let i = 0; i < 24; i++) {
    const r = i % 2 === 0 ? 290 : 262
    const a = (Math.PI * 2 * i) / 24
    points.push(`${(300 + r * Math.sin(a)).toFixed(1)},${(300 - r * Math.cos(a)).toFixed(1)}`)
  }
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">',
    `<polygon points="${points.join(' ')}" fill="hsl(${hue},55%,38%)"/>`,
    `<circle cx="300" cy="300" r="225" fill="hsl(${hue},60%,92%)"/>`,
    `<circle cx="300" cy="300" r="200" fill="none" stroke="hsl(${hue},55%,38%)" stroke-width="10"/>`,
    `<path d="M300 170 L333 262 L430 262 L352 320 L381 412 L300 356 L219 412 L248 320 L170 262 L267 262 Z" fill="hsl(${hue},55%,38%)"/>`,
    '</svg>'
  ].join('')
}
