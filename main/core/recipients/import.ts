/**
 * Importing a roster from CSV: preview (what would be added, duplicates, rejected rows) and
 * import. Duplicates are reported, never merged: an e-mail already in the book is skipped;
 * the same e-mail twice in the file is skipped when the name matches and rejected otherwise.
 * A file with rejected rows imports nothing unless acceptValidRows is set.
 */
import type { CsvMapping, RecipientImportPreview, RowProblem } from '../../../shared/types.js'
import type { RecipientImportResult } from '../../../shared/methods/recipients.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import { foldText, mapRows, parseCsv, type MappedPerson } from '../csv/index.js'
import { commitRecipients, newRecipientItem } from './recipient-service.js'

export type CsvSource = Readonly<{ csvBase64: string; mapping?: CsvMapping }>

export function decodeBase64Csv(csvBase64: string): Uint8Array {
  const bytes = Buffer.from(csvBase64, 'base64')
  if (bytes.length === 0) fail('CSV_INVALID', 'The file is empty.', { field: 'csvBase64' })
  return bytes
}

/** Reads a CSV source into people, splitting off rows repeating an earlier e-mail. */
export function readPeople(source: CsvSource): {
  info: { columns: string[]; mapping: CsvMapping; encoding: string; delimiter: string }
  rows: number
  people: MappedPerson[]
  repeats: Array<{ person: MappedPerson; firstRow: number }>
  rejected: RowProblem[]
} {
  const csv = parseCsv(decodeBase64Csv(source.csvBase64))
  if (csv.headers.length === 0) {
    fail('CSV_INVALID', 'The file has no header row.', { field: 'csvBase64' })
  }
  const mapped = mapRows(csv, source.mapping)
  const seen = new Map<string, MappedPerson>()
  const people: MappedPerson[] = []
  const repeats: Array<{ person: MappedPerson; firstRow: number }> = []
  const rejected = [...mapped.rejected]
  for (const person of mapped.people) {
    const first = seen.get(person.email)
    if (!first) {
      seen.set(person.email, person)
      people.push(person)
    } else if (foldText(first.name) === foldText(person.name)) {
      repeats.push({ person, firstRow: first.row })
    } else {
      rejected.push({
        row: person.row,
        field: 'email',
        message: `${person.email} is also on row ${first.row} with another name ("${first.name}"); one person per e-mail`
      })
    }
  }
  rejected.sort((a, b) => a.row - b.row)
  return {
    info: {
      columns: csv.headers,
      mapping: mapped.mapping,
      encoding: csv.encoding,
      delimiter: csv.delimiter
    },
    rows: csv.rows.length,
    people,
    repeats,
    rejected
  }
}

export function previewRecipientImport(
  station: Station,
  source: CsvSource
): RecipientImportPreview {
  station.requireInitialized()
  const read = readPeople(source)
  const toAdd: Array<{ row: number; name: string; email: string; memberId?: string }> = []
  const duplicates: Array<RecipientImportPreview['duplicates'][number]> = []
  for (const p of read.people) {
    const existingId = station.recipients.idForEmail(p.email)
    if (existingId) {
      duplicates.push({
        row: p.row,
        email: p.email,
        existingId,
        message: 'already a recipient; not added again'
      })
    } else {
      toAdd.push({
        row: p.row,
        name: p.name,
        email: p.email,
        ...(p.memberId ? { memberId: p.memberId } : {})
      })
    }
  }
  for (const { person, firstRow } of read.repeats) {
    duplicates.push({
      row: person.row,
      email: person.email,
      firstRow,
      message: `same person as row ${firstRow}`
    })
  }
  duplicates.sort((a, b) => a.row - b.row)
  return {
    ...read.info,
    counts: {
      rows: read.rows,
      toAdd: toAdd.length,
      duplicates: duplicates.length,
      rejected: read.rejected.length
    },
    toAdd,
    duplicates,
    rejected: read.rejected
  }
}

export function importRecipients(
  station: Station,
  source: CsvSource & { acceptValidRows?: boolean }
): RecipientImportResult {
  const preview = previewRecipientImport(station, source)
  if (preview.rejected.length > 0 && source.acceptValidRows !== true) {
    const first = preview.rejected[0]
    fail(
      'CSV_INVALID',
      `${preview.rejected.length} row(s) have problems (first: row ${first?.row}, ${first?.field}: ${first?.message}); ` +
        'nothing was imported. Fix the file, or import only the valid rows.',
      {
        rejected: preview.rejected,
        issues: preview.rejected.map((r) => ({ path: r.field, message: r.message, row: r.row }))
      }
    )
  }
  const items = preview.toAdd.map((p) => newRecipientItem(p).item)
  commitRecipients(station, items)
  return { added: items.length, duplicates: preview.duplicates, rejected: preview.rejected }
}
