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
  return typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined
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
  return message.replace(/\s+/g, ' ').replace(/\.$/, '').slice(0, 200)
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

/**
 * The server refused the credentials (a wrong password, private key, passphrase or secret
 * key; a locked account). Said at once and plainly: retrying cannot help, the target's saved
 * secret must be changed.
 */
export function loginRefused(where: string, credentials: string, error: unknown): KilnFailure {
  return new KilnFailure(
    'TARGET_REJECTED',
    `${where} refused the login (${shortReason(error)}): check the ${credentials}, then save the target again with the right one (kiln publish targets add, or Settings → Publish). Nothing was uploaded.`
  )
}
