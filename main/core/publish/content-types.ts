/**
 * The HTTP headers an object of the site is stored with (S3 object metadata). One function,
 * so that the site's own mapping (site/content-types.ts, when it lands) replaces this one line.
 *
 * Cache-Control: content-addressed files (segments, pinned status list copies, numbered
 * manifests) never change, so they may be cached for a year; everything else is revalidated,
 * so a revocation is seen at once.
 */
export type ContentHeaders = Readonly<{ contentType: string; cacheControl: string }>

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
  png: 'image/png',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json'
}

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'public, max-age=0, must-revalidate'

export function contentHeadersFor(p: string): ContentHeaders {
  const name = p.split('/').at(-1) ?? p
  const ext = name.includes('.') ? (name.split('.').at(-1) ?? '').toLowerCase() : ''
  let contentType = TYPES[ext] ?? 'application/octet-stream'
  if (/^credentials\/[^/]+\.json$/.test(p)) contentType = 'application/vc+ld+json'
  else if (name === 'did.json') contentType = 'application/did+json'
  const immutable = /^kiln-manifests\//.test(p) || /^status\/[^/]+\/[0-9a-f]{64}\.json$/.test(p)
  return { contentType, cacheControl: immutable ? IMMUTABLE : REVALIDATE }
}
