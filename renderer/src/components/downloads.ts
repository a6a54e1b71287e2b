/**
 * Client-side downloads: CSV built in the browser (every cell neutralised so a spreadsheet never
 * runs it as a formula) and files the core exported as base64.
 */
import { neutraliseCell, toSafeCsv } from '../../../shared/csv-safe.js'

/** A cell that a spreadsheet shows as text (the one implementation lives in shared/csv-safe.ts). */
export { neutraliseCell }

/** RFC 4180 CSV (CRLF line ends) with a header row; every cell neutralised. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return toSafeCsv([header, ...rows])
}

/** A `data:` URI for an <a download> (the CSP allows data: but not blob: navigation everywhere). */
export function csvDataUri(csv: string): string {
  // The BOM makes Excel read UTF-8 names correctly.
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Offer a core-exported file (base64) as a browser download. */
export function downloadBase64(filename: string, mediaType: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Read a chosen file as base64 (no data: prefix), for csvBase64 inputs. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}
