/**
 * The credentials attached to a PDF certificate, for the browser verifier: every
 * `/Type /EmbeddedFile` stream (Kiln's certificates attach each credential as JSON, FlateDecode),
 * inflated and kept if it is a JSON object. A scan, not a PDF parser: what it returns is only
 * ever verified (signature, key, status), never trusted, so a strange PDF can at worst yield
 * nothing. Browser-safe.
 */
import { unzlibSync } from 'fflate'

const MAX_FILES = 50
const MAX_BYTES = 16 * 1024 * 1024

function latin1(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192))
  }
  return s
}

export function isPdf(bytes: Uint8Array): boolean {
  return latin1(bytes.subarray(0, 5)) === '%PDF-'
}

/** The JSON objects embedded in the PDF, in file order. */
export function pdfCredentials(bytes: Uint8Array): unknown[] {
  const text = latin1(bytes)
  const found: unknown[] = []
  const marker = /\/Type\s*\/EmbeddedFile\b/g
  for (let m = marker.exec(text); m && found.length < MAX_FILES; m = marker.exec(text)) {
    const dictStart = text.lastIndexOf('<<', m.index)
    const streamAt = text.indexOf('stream', m.index)
    if (dictStart < 0 || streamAt < 0) continue
    const dict = text.slice(dictStart, streamAt)
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)
    let start = streamAt + 'stream'.length
    if (text[start] === '\r') start++
    if (text[start] === '\n') start++
    const end = length ? start + Number(length[1]) : text.indexOf('endstream', start)
    if (end < start || end > bytes.length) continue
    let data = bytes.subarray(start, end)
    if (/\/Filter\s*(\[\s*)?\/FlateDecode/.test(dict)) {
      try {
        data = unzlibSync(data)
      } catch {
        continue
      }
    } else if (/\/Filter/.test(dict)) continue
    if (data.length > MAX_BYTES) continue
    try {
      const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data))
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) found.push(value)
    } catch {
      // not a JSON attachment
    }
  }
  return found
}
