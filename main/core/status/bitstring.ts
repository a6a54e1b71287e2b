/**
 * W3C Bitstring Status List v1.0 bitstring (OPEN-BADGES.md §4.2): bit i is the i-th bit counted
 * from the most significant bit of byte 0. encodedList = "u" (multibase base64url, no padding) +
 * base64url(GZIP(bytes)); the uncompressed list is at least 16 KB (131,072 entries).
 */
import { base64urlnopad } from '@scure/base'
import { gzipSync } from 'fflate'
import { gunzipSync } from 'node:zlib'
import { KilnFailure } from '../failure.js'

export const MIN_STATUS_LIST_BITS = 131_072
/** Refuse to inflate lists beyond this (a hostile list could be a gzip bomb): 134 million entries. */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024

function invalidList(message: string): KilnFailure {
  return new KilnFailure('CREDENTIAL_INVALID', `status list ${message}`, {
    field: 'credentialSubject.encodedList'
  })
}

export class StatusBitstring {
  readonly lengthBits: number
  readonly #bytes: Uint8Array

  constructor(lengthBits: number = MIN_STATUS_LIST_BITS) {
    if (
      !Number.isSafeInteger(lengthBits) ||
      lengthBits < MIN_STATUS_LIST_BITS ||
      lengthBits % 8 !== 0
    ) {
      throw new KilnFailure(
        'INVALID_INPUT',
        `a status list needs a whole number of bytes and at least ${MIN_STATUS_LIST_BITS} bits (got ${lengthBits})`
      )
    }
    if (lengthBits / 8 > MAX_STATUS_LIST_BYTES) {
      throw new KilnFailure(
        'INVALID_INPUT',
        `a status list may have at most ${MAX_STATUS_LIST_BYTES * 8} bits`
      )
    }
    this.lengthBits = lengthBits
    this.#bytes = new Uint8Array(lengthBits / 8)
  }

  /** A list holding a copy of these bytes (at least 16 KB). */
  static fromBytes(bytes: Uint8Array): StatusBitstring {
    const list = new StatusBitstring(bytes.length * 8)
    list.#bytes.set(bytes)
    return list
  }

  #check(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.lengthBits) {
      throw new KilnFailure(
        'INVALID_INPUT',
        `status list index ${index} is outside 0…${this.lengthBits - 1}`,
        { field: 'statusListIndex' }
      )
    }
  }

  get(index: number): boolean {
    this.#check(index)
    return ((this.#bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0
  }

  set(index: number, value: boolean): void {
    this.#check(index)
    const mask = 0x80 >> (index & 7)
    const at = index >> 3
    const byte = this.#bytes[at] ?? 0
    this.#bytes[at] = value ? byte | mask : byte & ~mask
  }

  /** A copy of the raw bytes. */
  toBytes(): Uint8Array {
    return this.#bytes.slice()
  }

  /** Number of bits set (e.g. revoked credentials). */
  countSet(): number {
    let n = 0
    for (let b of this.#bytes) {
      for (; b !== 0; b &= b - 1) n++
    }
    return n
  }

  /**
   * Multibase base64url GZIP, byte-identical across runs and platforms: fflate is pure JS (no
   * zlib build differences), the gzip header has mtime 0 and a fixed OS byte, level is fixed.
   */
  encode(): string {
    return 'u' + base64urlnopad.encode(gzipSync(this.#bytes, { level: 9, mtime: 0 }))
  }

  /**
   * Parses an encodedList: multibase "u" + base64url (the spec form) or, leniently, bare
   * base64url (told apart by the GZIP magic, which encodes as "H4sI"); padding is tolerated.
   * Throws CREDENTIAL_INVALID when it is not base64url GZIP or is shorter than 16 KB.
   */
  static decode(encodedList: string): StatusBitstring {
    const trimmed = encodedList.trim().replace(/=+$/, '')
    const body = trimmed.startsWith('H4sI')
      ? trimmed
      : trimmed.startsWith('u')
        ? trimmed.slice(1)
        : undefined
    if (body === undefined) {
      throw invalidList('is not multibase base64url (it must start with "u")')
    }
    let compressed: Uint8Array
    try {
      compressed = base64urlnopad.decode(body)
    } catch {
      throw invalidList('is not valid base64url')
    }
    let bytes: Uint8Array
    try {
      bytes = gunzipSync(compressed, { maxOutputLength: MAX_STATUS_LIST_BYTES })
    } catch (e) {
      const tooBig =
        e instanceof RangeError || (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
      throw invalidList(
        tooBig ? `is larger than ${MAX_STATUS_LIST_BYTES} bytes` : 'is not valid GZIP data'
      )
    }
    if (bytes.length * 8 < MIN_STATUS_LIST_BITS) {
      throw invalidList(
        `is too short: ${bytes.length} bytes (${bytes.length * 8} entries); the minimum is 16 KB (${MIN_STATUS_LIST_BITS} entries)`
      )
    }
    return StatusBitstring.fromBytes(bytes)
  }
}
