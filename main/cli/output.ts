/**
 * CLI output rules (ARCHITECTURE §8): with --json exactly one JSON object on stdout;
 * logs and progress on stderr. Exit 0 done, 1 the thing checked is invalid or the
 * operation failed, 2 usage or input error (nothing changed).
 */
import type { ErrorCode, KilnError } from '../../shared/result.js'

const OPERATION_FAILURES: ReadonlySet<ErrorCode> = new Set([
  'CREDENTIAL_INVALID',
  'STORAGE_CORRUPT',
  'JOURNAL_CORRUPT',
  'CANCELLED',
  'DISK_FULL',
  'TARGET_UNREACHABLE',
  'TARGET_REJECTED',
  'HOST_KEY_CHANGED',
  'PUBLISH_UNVERIFIED',
  'MAIL_REFUSED',
  'OFFLINE',
  'CORE_STOPPED',
  'INTERNAL'
])

export function exitCodeFor(code: ErrorCode): 1 | 2 {
  return OPERATION_FAILURES.has(code) ? 1 : 2
}

export class CliExit extends Error {
  readonly exitCode: number
  constructor(exitCode: number) {
    super(`exit ${exitCode}`)
    this.exitCode = exitCode
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

export function printLine(line = ''): void {
  process.stdout.write(line + '\n')
}

export function printError(error: KilnError, json: boolean): never {
  if (json) printJson({ error })
  const where = error.details?.field ? ` (${error.details.field})` : ''
  process.stderr.write(`kiln: ${error.message}${where}\n`)
  const issues = error.details?.issues ?? []
  for (const issue of issues.slice(1, 20)) {
    const row = issue.row !== undefined ? `row ${issue.row}: ` : ''
    process.stderr.write(`  ${row}${issue.path ? issue.path + ': ' : ''}${issue.message}\n`)
  }
  throw new CliExit(exitCodeFor(error.code))
}
