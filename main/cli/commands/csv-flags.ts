/** CSV helpers shared by `kiln award --csv` and `kiln recipients import`: reading the file and mapping flags. */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { CsvMapping, RowProblem } from '../../../shared/types.js'
import { err } from '../../../shared/result.js'
import { printError } from '../output.js'

export type MappingOptions = {
  mapName?: string
  mapFirstName?: string
  mapLastName?: string
  mapEmail?: string
  mapMemberId?: string
}

export function addMappingFlags(command: Command): Command {
  return command
    .option('--map-name <column>', 'the column holding the full name (when Kiln cannot guess it)')
    .option('--map-first-name <column>', 'the column holding the first name')
    .option('--map-last-name <column>', 'the column holding the last name')
    .option('--map-email <column>', 'the column holding the e-mail')
    .option('--map-member-id <column>', 'the column holding the member id')
}

export function mappingFrom(options: MappingOptions): CsvMapping | undefined {
  const mapping: CsvMapping = {
    ...(options.mapName ? { name: options.mapName } : {}),
    ...(options.mapFirstName ? { firstName: options.mapFirstName } : {}),
    ...(options.mapLastName ? { lastName: options.mapLastName } : {}),
    ...(options.mapEmail ? { email: options.mapEmail } : {}),
    ...(options.mapMemberId ? { memberId: options.mapMemberId } : {})
  }
  return Object.keys(mapping).length > 0 ? mapping : undefined
}

export function readCsvBase64(file: string, flag: string, json: boolean): string {
  try {
    return readFileSync(file).toString('base64')
  } catch (error) {
    return printError(
      err('UNREADABLE_INPUT', `Cannot read ${file}: ${(error as Error).message}`, { field: flag })
        .error,
      json
    )
  }
}

export function printProblems(rejected: readonly RowProblem[]): void {
  for (const r of rejected.slice(0, 200)) {
    process.stderr.write(`  row ${r.row}, ${r.field}: ${r.message}\n`)
  }
  if (rejected.length > 200) process.stderr.write(`  … and ${rejected.length - 200} more\n`)
}
