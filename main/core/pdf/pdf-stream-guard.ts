/**
 * pdf-lib inflates every object stream and cross-reference stream while it loads a file, with
 * no limit: a 1 MB PDF could ask for a gigabyte. Before a PDF is handed to it, each such
 * stream (found by its /Type) is inflated here with a cap, and the file is refused when one
 * would grow past it. Streams this scan cannot delimit (an indirect /Length) are measured up
 * to their `endstream`. Anything it cannot inflate is left to pdf-lib, which then fails on
 * it the ordinary way.
 */
import { inflateSync } from 'node:zlib'
import { fail } from '../failure.js'

/** Per stream: Kiln's certificates have a few kilobytes of objects; qpdf's, a few hundred. */
const MAX_STREAM = 16 * 1024 * 1024
const MAX_TOTAL = 64 * 1024 * 1024
const TYPES = /\/Type\s*\/(ObjStm|XRef)\b/g

function streamData(text: string, bytes: Uint8Array, typeAt: number): Uint8Array | undefined {
  const objAt = text.lastIndexOf(' obj', typeAt)
  const streamAt = text.indexOf('stream', typeAt)
  if (objAt < 0 || streamAt < 0) return undefined
  let start = streamAt + 'stream'.length
  if (text.charCodeAt(start) === 0x0d) start++
  if (text.charCodeAt(start) === 0x0a) start++
  const dict = text.slice(objAt, streamAt)
  const length = /\/Length\s+(\d+)(\s+\d+\s+R)?/.exec(dict)
  if (length?.[1] !== undefined && length[2] === undefined) {
    return bytes.subarray(start, Math.min(bytes.length, start + Number(length[1])))
  }
  const end = text.indexOf('endstream', start)
  return end < 0 ? undefined : bytes.subarray(start, end)
}

/** Refuses (UNREADABLE_INPUT) a PDF whose object or xref streams inflate past the caps. */
export function checkCompressedStreams(bytes: Uint8Array): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  let total = 0
  for (const match of text.matchAll(TYPES)) {
    const data = streamData(text, bytes, match.index)
    if (data === undefined) continue
    let size: number
    try {
      size = inflateSync(data, { maxOutputLength: MAX_STREAM }).length
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        fail(
          'UNREADABLE_INPUT',
          'The PDF is damaged or hostile: one of its object streams would inflate to more ' +
            'than 16 MiB.'
        )
      }
      continue // not deflate, or damaged: pdf-lib decides
    }
    total += size
    if (total > MAX_TOTAL) {
      fail(
        'UNREADABLE_INPUT',
        'The PDF is damaged or hostile: its object streams would inflate to more than 64 MiB.'
      )
    }
  }
}
