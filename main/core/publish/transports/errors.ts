/**
 * Turning a transport's failure into a Kiln error: unreachable (try again later), rejected
 * (fix the settings), or a changed server identity. Messages carry the server's short reason,
 * never a secret (nothing secret is ever put in an error by Kiln, and servers do not echo
 * passwords).
 */
import { KilnFailure } from '../../failure.js'

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'TimeoutError',
  'RequestTimeout'
])

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null && key in error
    ? (error as Record<string, unknown>)[key]
    : undefined
}

export function isNetworkError(error: unknown): boolean {
  const code = field(error, 'code')
  const name = field(error, 'name')
  const message = error instanceof Error ? error.message : ''
  return (
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    (typeof name === 'string' && NETWORK_CODES.has(name)) ||
    /timed out|socket hang up|ECONNREFUSED|ECONNRESET|closed the connection|Not connected|Client is closed/i.test(
      message
    )
  )
}

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/\s+/g, ' ').slice(0, 200)
}

/** A KilnFailure for `error` raised while doing `what` on `where`. */
export function transportFailure(error: unknown, what: string, where: string): KilnFailure {
  if (error instanceof KilnFailure) return error
  if (isNetworkError(error)) {
    return new KilnFailure(
      'TARGET_UNREACHABLE',
      `Could not ${what} ${where}: ${shortReason(error)}.`
    )
  }
  return new KilnFailure('TARGET_REJECTED', `Could not ${what} ${where}: ${shortReason(error)}.`)
}
