/**
 * CSV that is safe to open in a spreadsheet: RFC 4180 quoting (CRLF line ends), and every cell
 * that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
 * return) is neutralised with a leading apostrophe, so it shows as text and never runs.
 * The one implementation: the renderer's downloads and the analytics exports both use it.
 */

export type CsvCell = string | number | boolean | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

/** A cell a spreadsheet shows as text: formula-like starts get a leading apostrophe. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

function cellText(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  // Numbers are written as numbers (a negative count stays a number, not a neutralised text).
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return neutraliseCell(value)
}

function quoteCell(value: CsvCell): string {
  const text = cellText(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows (the first is usually the header) as CSV text; every string cell neutralised. */
export function toSafeCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  if (rows.length === 0) return ''
  return rows.map((row) => row.map(quoteCell).join(',')).join('\r\n') + '\r\n'
}
