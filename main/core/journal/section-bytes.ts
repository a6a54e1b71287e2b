/**
 * The pieces the binary checkpoint sections share (the award ledger's columns,
 * awards/ledger-columns.ts; its lookups, awards/ledger-lookups.ts; the recipient book,
 * recipients/book-columns.ts): the frame of a section, the hash of its indexes and the search in
 * a sorted hash array. A frame is
 *
 *   4-byte magic (latin1) · u32 LE header length · header JSON · blobs, each at a multiple of 8
 *
 * where the header (checked by the caller's schema) lists the blobs' lengths. Reading never
 * trusts the bytes: a frame that does not fit gives undefined, and the caller rebuilds from the
 * journal (the section's SHA-256 was checked before, §5).
 */

/** The next multiple of 8 (blobs start there, so typed arrays can view them in place). */
export const pad8 = (n: number): number => (n + 7) & ~7

/**
 * The bytes themselves, or a copy where typed arrays of `size`-byte words could not view them (a
 * blob is 8-aligned in its section; the buffer the section was read into may not be).
 */
export function alignedTo(bytes: Buffer, size: 4 | 8): Buffer {
  return bytes.byteOffset % size === 0 ? bytes : Buffer.from(bytes)
}

export type WordKind = 'u32' | 'f64'

/**
 * Bytes viewed as u32 or f64 words, in place where aligned; undefined when the length is not a
 * whole number of words. Numbers are stored as they lie in memory: little-endian, as on every
 * machine Kiln is built for (x64, arm64).
 */
export function wordsOf(bytes: Buffer, kind: 'u32'): Uint32Array | undefined
export function wordsOf(bytes: Buffer, kind: WordKind): Uint32Array | Float64Array | undefined
export function wordsOf(bytes: Buffer, kind: WordKind): Uint32Array | Float64Array | undefined {
  const size = kind === 'u32' ? 4 : 8
  if (bytes.length % size !== 0) return undefined
  const own = alignedTo(bytes, size)
  const n = own.length / size
  return kind === 'u32'
    ? new Uint32Array(own.buffer, own.byteOffset, n)
    : new Float64Array(own.buffer, own.byteOffset, n)
}

/** FNV-1a over UTF-16 code units (the e-mail indexes' hash; candidates are always checked). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** FNV-1a over bytes[from, to) (the id index hashes UTF-8; candidates are always checked). */
export function fnv1aBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5
  for (let i = from; i < to; i++) {
    h ^= bytes[i] as number
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The first position in sorted[0, end) whose value is ≥ value (end when none). */
export function lowerBound(sorted: Uint32Array, value: number, end = sorted.length): number {
  let lo = 0
  let hi = end
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** A section: the magic, the header (its JSON) and the blobs, each blob 8-aligned. */
export function frameSection(magic: string, header: unknown, blobs: readonly Buffer[]): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const lead = Buffer.alloc(8)
  lead.write(magic, 0, 'latin1')
  lead.writeUInt32LE(json.length, 4)
  const parts: Buffer[] = [lead, json]
  let size = 8 + json.length
  for (const b of blobs) {
    parts.push(Buffer.alloc(pad8(size) - size))
    size = pad8(size)
    parts.push(b)
    size += b.length
  }
  return Buffer.concat(parts)
}

/** True when the bytes start with this magic (and have room for the header's length). */
export function hasMagic(bytes: Buffer, magic: string): boolean {
  return bytes.length >= 8 && bytes.toString('latin1', 0, 4) === magic
}

export type Frame = Readonly<{
  /** The header's JSON, parsed but unchecked: the caller's schema decides. */
  header: unknown
  /** The blobs of the given lengths, in place; undefined when they do not fill the rest exactly. */
  blobs(sizes: readonly number[]): Buffer[] | undefined
}>

/** The frame of a section, or undefined when its magic or header does not fit. */
export function readFrame(bytes: Buffer, magic: string): Frame | undefined {
  if (!hasMagic(bytes, magic)) return undefined
  const headerEnd = 8 + bytes.readUInt32LE(4)
  if (headerEnd > bytes.length) return undefined
  let header: unknown
  try {
    header = JSON.parse(bytes.toString('utf8', 8, headerEnd))
  } catch {
    return undefined
  }
  return {
    header,
    blobs: (sizes) => {
      const blobs: Buffer[] = []
      let at = headerEnd
      for (const size of sizes) {
        at = pad8(at)
        if (at + size > bytes.length) return undefined
        blobs.push(bytes.subarray(at, at + size))
        at += size
      }
      return at === bytes.length ? blobs : undefined
    }
  }
}
