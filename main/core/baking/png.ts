/**
 * Baking credentials into PNG text chunks (OPEN-BADGES.md §2.1 OB 3.0, §2.2 OB 2.0).
 *
 * Chunks are handled by hand on purpose: pngjs decodes and re-encodes the pixel data, which
 * would change the image bytes (and their hash) of an image the user gave us. Here every chunk
 * except the credential chunk is copied byte for byte; only one iTXt chunk is added before IEND.
 */
import { crc32, inflateSync } from 'node:zlib'
import { KilnFailure } from '../failure.js'

/** OB 3.0 uses `openbadgecredential`, OB 2.0 `openbadges`. */
export type BakeKeyword = 'openbadgecredential' | 'openbadges'

export type PngChunk = Readonly<{
  type: string
  data: Uint8Array
  /** The CRC stored in the file (already checked against type + data). */
  crc: number
  /** Byte offset of the chunk's length field in the file. */
  offset: number
  /** Total size on disk: length + type + data + CRC. */
  size: number
}>

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
const TEXT_CHUNKS = new Set(['iTXt', 'tEXt', 'zTXt'])
/** Decompressed text larger than this is refused (a baked credential is a few KB). */
const MAX_INFLATED_TEXT = 16 * 1024 * 1024

const utf8 = new TextDecoder('utf-8', { fatal: true })
/** ISO-8859-1 proper (TextDecoder's 'latin1' is windows-1252). */
function latin1(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return s
}

function unreadable(message: string): KilnFailure {
  return new KilnFailure('UNREADABLE_INPUT', message)
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b)
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0)
}

/**
 * Every chunk up to and including IEND, each CRC checked. Bytes after IEND are ignored
 * (some tools append junk) and are not carried into a baked file.
 */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  if (!hasPngSignature(png)) throw unreadable('not a PNG file: the 8-byte PNG signature is missing')
  const chunks: PngChunk[] = []
  let offset = PNG_SIGNATURE.length
  for (;;) {
    const index = chunks.length + 1
    if (offset + 12 > png.length) {
      throw unreadable(
        `PNG is truncated: chunk #${index} at byte ${offset} needs at least 12 bytes, ${png.length - offset} left` +
          (chunks.length > 0 ? ' (no IEND chunk)' : '')
      )
    }
    const length = readUint32(png, offset)
    const type = latin1(png.subarray(offset + 4, offset + 8))
    if (!/^[A-Za-z]{4}$/.test(type)) {
      throw unreadable(`PNG chunk #${index} at byte ${offset} has an invalid type name`)
    }
    if (length > 0x7fffffff || offset + 12 + length > png.length) {
      throw unreadable(
        `PNG is truncated: chunk #${index} (${type}) at byte ${offset} declares ${length} data bytes, ` +
          `only ${Math.max(0, png.length - offset - 12)} present`
      )
    }
    const data = png.subarray(offset + 8, offset + 8 + length)
    const stored = readUint32(png, offset + 8 + length)
    const computed = crc32(png.subarray(offset + 4, offset + 8 + length))
    if (stored !== computed) {
      throw unreadable(
        `PNG chunk #${index} (${type}) at byte ${offset} is corrupt: CRC ${hex(stored)} stored, ${hex(computed)} computed`
      )
    }
    if (chunks.length === 0 && type !== 'IHDR') {
      throw unreadable(`PNG does not start with an IHDR chunk (found ${type})`)
    }
    chunks.push({ type, data, crc: stored, offset, size: 12 + length })
    offset += 12 + length
    if (type === 'IEND') return chunks
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0')
}

/** The keyword of a tEXt/zTXt/iTXt chunk (Latin-1 up to the first NUL), or undefined. */
function textKeyword(chunk: PngChunk): string | undefined {
  if (!TEXT_CHUNKS.has(chunk.type)) return undefined
  const nul = chunk.data.indexOf(0)
  return nul < 1 ? undefined : latin1(chunk.data.subarray(0, nul))
}

function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** iTXt: keyword 0 | compression flag 0 | method 0 | language "" 0 | translated keyword "" 0 | UTF-8 text. */
function iTxtData(keyword: BakeKeyword, text: string): Uint8Array {
  const key = new TextEncoder().encode(keyword) // ASCII keyword: Latin-1 = UTF-8
  const body = new TextEncoder().encode(text)
  const data = new Uint8Array(key.length + 5 + body.length)
  data.set(key, 0) // the five bytes after it stay 0
  data.set(body, key.length + 5)
  return data
}

/**
 * Returns a new PNG with exactly one uncompressed iTXt chunk `keyword` holding `text`, placed just
 * before IEND. Existing tEXt/zTXt/iTXt chunks with the same keyword are removed (re-baking
 * replaces). All other chunks are copied unchanged.
 */
export function bakePng(png: Uint8Array, keyword: BakeKeyword, text: string): Uint8Array {
  if (text.length === 0) {
    throw new KilnFailure('INVALID_INPUT', 'nothing to bake: the credential text is empty')
  }
  const chunks = readPngChunks(png)
  const kept = chunks.filter((c) => c.type !== 'IEND' && textKeyword(c) !== keyword)
  const added = encodeChunk('iTXt', iTxtData(keyword, text))
  const iend = encodeChunk('IEND', new Uint8Array(0))
  const total =
    PNG_SIGNATURE.length + kept.reduce((n, c) => n + c.size, 0) + added.length + iend.length
  const out = new Uint8Array(total)
  out.set(PNG_SIGNATURE, 0)
  let at = PNG_SIGNATURE.length
  for (const c of kept) {
    out.set(png.subarray(c.offset, c.offset + c.size), at)
    at += c.size
  }
  out.set(added, at)
  out.set(iend, at + added.length)
  return out
}

/** Text of an iTXt chunk (compressed or not); throws on a malformed chunk. */
function readITxt(chunk: PngChunk): string {
  const d = chunk.data
  const k = d.indexOf(0)
  const flag = d[k + 1]
  const method = d[k + 2]
  const langEnd = d.indexOf(0, k + 3)
  const transEnd = langEnd < 0 ? -1 : d.indexOf(0, langEnd + 1)
  if (k < 1 || flag === undefined || method === undefined || transEnd < 0) {
    throw unreadable(`PNG iTXt chunk at byte ${chunk.offset} is malformed (missing NUL separators)`)
  }
  let body = d.subarray(transEnd + 1)
  if (flag === 1) {
    if (method !== 0) {
      throw unreadable(
        `PNG iTXt chunk at byte ${chunk.offset} uses unknown compression method ${method}`
      )
    }
    try {
      body = inflateSync(body, { maxOutputLength: MAX_INFLATED_TEXT })
    } catch {
      throw unreadable(`PNG iTXt chunk at byte ${chunk.offset} has corrupt compressed text`)
    }
  } else if (flag !== 0) {
    throw unreadable(
      `PNG iTXt chunk at byte ${chunk.offset} has an invalid compression flag ${flag}`
    )
  }
  try {
    return utf8.decode(body)
  } catch {
    throw unreadable(`PNG iTXt chunk at byte ${chunk.offset} is not valid UTF-8`)
  }
}

/**
 * The baked text: the first iTXt chunk with `keyword`; for OB 2.0 (`openbadges`) a legacy tEXt
 * chunk (usually the hosted assertion URL) is accepted when there is no iTXt. Undefined when
 * the PNG carries nothing under that keyword. Throws UNREADABLE_INPUT for a damaged PNG.
 */
export function unbakePng(
  png: Uint8Array,
  keyword: BakeKeyword = 'openbadgecredential'
): string | undefined {
  const chunks = readPngChunks(png).filter((c) => textKeyword(c) === keyword)
  const itxt = chunks.find((c) => c.type === 'iTXt')
  if (itxt) return readITxt(itxt)
  if (keyword === 'openbadges') {
    const text = chunks.find((c) => c.type === 'tEXt')
    if (text) return latin1(text.data.subarray(keyword.length + 1))
  }
  return undefined
}
