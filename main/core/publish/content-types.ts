/**
 * The HTTP headers an object of the site is stored with on targets that keep them (S3 object
 * metadata): the site's own table (site/content-types.ts), the same one its `.htaccess` and
 * `_headers` files are rendered from, so a file is served alike wherever the site lives.
 * (CORS and robots headers are bucket or CDN settings on S3, not object metadata.)
 */
import { headersFor } from '../site/content-types.js'

export type ContentHeaders = Readonly<{ contentType: string; cacheControl: string }>

export function contentHeadersFor(sitePath: string): ContentHeaders {
  const { contentType, cacheControl } = headersFor(sitePath)
  return { contentType, cacheControl }
}
