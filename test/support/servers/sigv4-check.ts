/**
 * The check of AWS Signature Version 4 that s3rver leaves out ("Signature version 4
 * calculation is unimplemented" in its authentication middleware: it accepts any secret key
 * for a known access key id), added in front of it so that the test server refuses a wrong
 * secret key the way S3, R2, B2 and MinIO do (403 SignatureDoesNotMatch). It recomputes the
 * signature of the Authorization header from the request line and the signed headers; the
 * payload is taken at its declared hash (x-amz-content-sha256), as the signature covers it.
 * Requests without an Authorization header are left to s3rver.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const HEADER =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/

const encode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

function canonicalQuery(query: string): string {
  if (query === '') return ''
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const at = pair.indexOf('=')
      const key = decodeURIComponent(at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, ' ')
      const value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1)).replace(/\+/g, ' ')
      return [encode(key), encode(value)] as const
    })
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
}

const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest()

/**
 * Undefined when the request carries no SigV4 header or its signature is right for the secret
 * of its key id (or the key id is unknown: s3rver answers InvalidAccessKeyId itself);
 * otherwise why not.
 */
export function sigV4Mismatch(
  req: IncomingMessage,
  secretOf: (accessKeyId: string) => string | undefined
): string | undefined {
  const authorization = req.headers.authorization
  if (authorization === undefined) return undefined
  const m = HEADER.exec(authorization)
  if (!m) return undefined // another scheme (SigV2): s3rver checks those itself
  const [, keyId = '', day = '', region = '', service = '', signed = '', given = ''] = m
  const secret = secretOf(keyId)
  if (secret === undefined) return undefined
  const amzDate = String(req.headers['x-amz-date'] ?? '')
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const names = signed.split(';')
  const canonical = [
    req.method ?? 'GET',
    q < 0 ? url : url.slice(0, q),
    canonicalQuery(q < 0 ? '' : url.slice(q + 1)),
    ...names.map((n) => {
      const value = req.headers[n]
      const text = Array.isArray(value) ? value.join(',') : (value ?? '')
      return `${n}:${text.trim().replace(/\s+/g, ' ')}`
    }),
    '',
    signed,
    String(req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD')
  ].join('\n')
  const scope = `${day}/${region}/${service}/aws4_request`
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonical, 'utf8').digest('hex')
  ].join('\n')
  let key = hmac(`AWS4${secret}`, day)
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part)
  const expected = hmac(key, toSign)
  const provided = Buffer.from(given, 'hex')
  return provided.length === expected.length && timingSafeEqual(provided, expected)
    ? undefined
    : 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
}
