/**
 * Escaping for every place a string lands in the site: HTML text, attribute values,
 * JSON inside <script type="application/json">, and URL components. Recipient names and
 * badge texts are untrusted input.
 */
const HTML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;'
}

/** Text content and quoted attribute values (both quotes escaped). */
export function escapeHtml(value: string): string {
  // Most texts of a page need no escaping: a test is cheaper than a replace with a callback.
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => HTML[c] ?? c) : value
}
const SPECIAL = /[&<>"'`]/
const SPECIALS = /[&<>"'`]/g

export const escapeAttr = escapeHtml

/** JSON that is safe inside a <script type="application/json"> element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Only http(s) URLs are ever placed in href/src; anything else becomes "#". */
export function safeUrl(value: string): string {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '#'
  } catch {
    return '#'
  }
}

/** A query string with every key and value percent-encoded. */
export function query(
  params: ReadonlyArray<readonly [string, string | number | undefined]>
): string {
  return params
    .filter((p): p is readonly [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
}
