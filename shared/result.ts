/**
 * Every contract call resolves to a Result: expected failures are values with a
 * stable code (never thrown across a host boundary), so every host and the UI can
 * react to them without parsing messages.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'LOCKED',
  'WRONG_PASSPHRASE',
  'STATION_IN_USE',
  'STORAGE_CORRUPT',
  'JOURNAL_CORRUPT',
  'NOT_FOUND',
  'CONFLICT',
  'BADGE_NOT_PUBLISHED',
  'BADGE_ARCHIVED',
  'CREDENTIAL_INVALID',
  'UNREADABLE_INPUT',
  'IMAGE_REJECTED',
  'CSV_INVALID',
  'BACKUP_INVALID',
  'DESTINATION_EXISTS',
  'CANCELLED',
  'DISK_FULL',
  'STATUS_LISTS_FULL',
  'NEEDS_DESKTOP_APP',
  'MAIL_NOT_CONFIGURED',
  'MAIL_REFUSED',
  'OFFLINE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TARGET_UNREACHABLE',
  'TARGET_REJECTED',
  'HOST_KEY_CHANGED',
  'TARGET_FOREIGN',
  'PUBLISH_UNVERIFIED',
  'CORE_STOPPED',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** What a person needs to fix the problem: the field, the row, the path. */
export type ErrorDetails = Readonly<{
  field?: string
  row?: number
  path?: string
  issues?: ReadonlyArray<Readonly<{ path: string; message: string; row?: number }>>
  [key: string]: unknown
}>

export type KilnError = Readonly<{ code: ErrorCode; message: string; details?: ErrorDetails }>

export type Ok<T> = Readonly<{ ok: true; value: T }>
export type Err = Readonly<{ ok: false; error: KilnError }>
export type Result<T> = Ok<T> | Err

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value }
}

export function err(code: ErrorCode, message: string, details?: ErrorDetails): Err {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
