/**
 * CSV parsing (papaparse) after decoding: comma, semicolon or tab (detected), quoted fields
 * with delimiters, doubled quotes and line breaks. Blank records are dropped but keep their
 * numbers, so `rowNumbers` are the rows a spreadsheet shows (header = row 1).
 */
import type Papa from 'papaparse'
import { lazyRequire } from '../platform/lazy-require.js'
import type { RowProblem } from '../../../shared/types.js'
import { decodeCsvBytes, type CsvEncoding } from './decode.js'

// Loaded with the first file parsed: opening a station (and `kiln status`) parses none.
const papa = lazyRequire<typeof Papa>('papaparse')

export type ParsedCsv = Readonly<{
  headers: string[]
  rows: string[][]
  /** rowNumbers[i] is the spreadsheet row of rows[i] (header = 1). */
  rowNumbers: number[]
  encoding: CsvEncoding
  delimiter: string
  /** Structural problems (an unclosed quote…), by row. */
  problems: RowProblem[]
}>

const DELIMITERS = [',', ';', '\t'] as const

/** The delimiter that splits the header line (outside quotes) into the most fields. */
function detectDelimiter(text: string): string {
  let inQuotes = false
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '"') inQuotes = !inQuotes
    else if (!inQuotes && (c === '\n' || c === '\r')) break
    else if (!inQuotes && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1)
  }
  let best = ','
  let bestCount = 0
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
}

function isBlank(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '')
}

export function parseCsvText(text: string, encoding: CsvEncoding): ParsedCsv {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const delimiter = detectDelimiter(clean)
  const result = papa().parse<string[]>(clean, { delimiter, skipEmptyLines: false })
  const records = result.data
  const problems: RowProblem[] = []
  for (const e of result.errors) {
    // papaparse reports "UndetectableDelimiter" for one-column files; that is not a problem.
    if (e.code === 'UndetectableDelimiter') continue
    problems.push({
      row: (e.row ?? 0) + 1,
      field: 'file',
      message: e.code === 'MissingQuotes' ? 'a quoted field is never closed' : e.message
    })
  }
  let headerIndex = records.findIndex((r) => !isBlank(r))
  if (headerIndex < 0) headerIndex = records.length
  const headers = (records[headerIndex] ?? []).map((h) => h.trim())
  const rows: string[][] = []
  const rowNumbers: number[] = []
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i] as string[]
    if (isBlank(record)) continue
    rows.push(record)
    rowNumbers.push(i + 1)
  }
  return { headers, rows, rowNumbers, encoding, delimiter, problems }
}

/** Decodes and parses a CSV file's bytes. */
export function parseCsv(bytes: Uint8Array): ParsedCsv {
  const { text, encoding } = decodeCsvBytes(bytes)
  return parseCsvText(text, encoding)
}
