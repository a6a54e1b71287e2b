/**
 * Request guards of the loopback web host: DNS-rebinding and cross-site protection
 * (the Host and Origin headers must name this very server on the loopback address)
 * and a constant-time bearer-token check.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const

/** `Host` must be exactly `127.0.0.1:<port>` or `localhost:<port>` (case-insensitive). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false
  const value = host.toLowerCase()
  return LOOPBACK_NAMES.some((name) => value === `${name}:${port}`)
}

/** An absent `Origin` is fine (same-origin GETs, curl); a present one must be ours. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true
  const value = origin.toLowerCase()
  return LOOPBACK_NAMES.some((name) => value === `http://${name}:${port}`)
}

/** The token from `Authorization: Bearer <token>`, if the header has that form. */
export function bearerToken(header: string | undefined): string | undefined {
  if (typeof header !== 'string') return undefined
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim())
  return match?.[1]
}

/** Constant-time comparison (hashing first makes the lengths equal, so length leaks nothing). */
export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** 32 random bytes, base64url: one per launch. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}
