import type { ErrorCode, ErrorDetails, KilnError } from '../../shared/result.js'

/**
 * Thrown inside the core where unwinding is simplest; the dispatcher (and the CLI)
 * turn it back into an error value with the same code. Never crosses a host.
 */
export class KilnFailure extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails | undefined
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message)
    this.name = 'KilnFailure'
    this.code = code
    this.details = details
  }
  toError(): KilnError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function fail(code: ErrorCode, message: string, details?: ErrorDetails): never {
  throw new KilnFailure(code, message, details)
}
