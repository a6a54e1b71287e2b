/**
 * Fetching what verifying a member's badge needs from the web (an OB 2.0 hosted assertion, its
 * BadgeClass and Issuer, an issuer's did.json, a status list): https only (plain http only for
 * this computer's loopback address, where tests serve sites), 10 s, at most 5 MB, JSON only.
 * A network failure is OFFLINE (the caller imports nothing); a server's answer is returned
 * with its status for the verifier to judge.
 */
import { KilnFailure, fail } from '../../failure.js'

export type Fetched = Readonly<{ status: number; json?: unknown }>
export type JsonFetcher = (url: string) => Promise<Fetched>

const MAX_BYTES = 5 * 1024 * 1024
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function checkFetchUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    fail('CREDENTIAL_INVALID', `${raw.slice(0, 200)} is not a URL.`, { reason: 'bad-url' })
  }
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
  if (!ok) {
    fail(
      'CREDENTIAL_INVALID',
      `Kiln fetches badges only over https, not ${url.href.slice(0, 200)}.`,
      {
        reason: 'insecure-url'
      }
    )
  }
  return url
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : ''
    return code ? `${code} ${cause.message}` : cause.message
  }
  return String(cause)
}

/** The default fetcher (global fetch). */
export const fetchJson: JsonFetcher = async (raw) => {
  const url = checkFetchUrl(raw)
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/ld+json, application/json;q=0.9, */*;q=0.1' },
      redirect: 'follow',
      signal: AbortSignal.timeout(10_000)
    })
  } catch (error) {
    throw new KilnFailure(
      'OFFLINE',
      `Kiln could not reach ${url.host} to check the badge (${networkReason(error)}); nothing was imported.`,
      { url: url.href }
    )
  }
  if (!response.ok) {
    await response.body?.cancel()
    return { status: response.status }
  }
  const buffer = Buffer.from(await response.arrayBuffer())
  if (buffer.length > MAX_BYTES) return { status: 413 }
  try {
    return { status: response.status, json: JSON.parse(buffer.toString('utf8')) }
  } catch {
    return { status: response.status }
  }
}

/** Fetches each URL once per verification (a did.json or list asked for twice). */
export function memoFetcher(fetcher: JsonFetcher): JsonFetcher {
  const seen = new Map<string, Promise<Fetched>>()
  return (url) => {
    let hit = seen.get(url)
    if (!hit) {
      hit = fetcher(url)
      seen.set(url, hit)
    }
    return hit
  }
}
