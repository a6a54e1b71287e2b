/**
 * A full disk (ENOSPC) or an exhausted quota (EDQUOT) is its own error, DISK_FULL, on every write
 * path: the person can act on it (free space, choose another disk), unlike an INTERNAL error.
 */
import { KilnFailure } from '../failure.js'

export function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}

export function isDiskFull(error: unknown): boolean {
  const code = errnoOf(error)
  return code === 'ENOSPC' || code === 'EDQUOT'
}

/** DISK_FULL with what was being written and what the caller says was (not) kept. */
export function diskFull(
  what: string,
  outcome: string,
  details?: Record<string, unknown>
): KilnFailure {
  return new KilnFailure(
    'DISK_FULL',
    `The disk is full (or the quota is used up) while writing ${what}; ${outcome}`,
    details
  )
}

/** Runs a write; a full disk becomes DISK_FULL (other errors pass through unchanged). */
export async function mapDiskFull<T>(
  what: string,
  outcome: string,
  write: () => Promise<T>
): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isDiskFull(error)) throw diskFull(what, outcome)
    throw error
  }
}
