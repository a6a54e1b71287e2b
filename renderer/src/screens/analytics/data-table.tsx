import { Download } from 'lucide-react'
import { useState, type ReactElement, type ReactNode } from 'react'
import { toSafeCsv, type CsvCell } from '../../../../shared/csv-safe.js'
import { csvDataUri } from '../../components/downloads.js'
import { exportFileName, fileDate } from '../../../../shared/file-names.js'

export type Column<T> = Readonly<{
  label: string
  /** The CSV cell (and the table cell, unless `render` is given). */
  value: (row: T) => CsvCell
  render?: (row: T) => ReactNode
  numeric?: boolean
}>

type DataTableProps<T> = Readonly<{
  id: string
  title: string
  description?: string
  columns: ReadonlyArray<Column<T>>
  rows: readonly T[]
  rowKey: (row: T) => string
  /** The CSV's file name (without .csv). */
  filename: string
  empty: string
  /** Rows shown on screen (the CSV has them all). */
  limit?: number
}>

/** One analytics table: a heading, the table, and a spreadsheet-safe CSV of every row. */
export function DataTable<T>({
  id,
  title,
  description,
  columns,
  rows,
  rowKey,
  filename,
  empty,
  limit = 10
}: DataTableProps<T>): ReactElement {
  // The first rows, and all on request: the page grows, no table scrolls inside the page.
  const [all, setAll] = useState(false)
  const csv = toSafeCsv([
    columns.map((c) => c.label),
    ...rows.map((r) => columns.map((c) => c.value(r)))
  ])
  const shown = all ? rows : rows.slice(0, limit)
  return (
    <section className="analytics-card" aria-labelledby={`${id}-title`}>
      <div className="analytics-card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <a
          className="button button-small"
          href={csvDataUri(csv)}
          download={exportFileName([title, fileDate()], 'csv', filename)}
          aria-label={`Export “${title}” as CSV`}
        >
          <Download aria-hidden="true" size={14} /> CSV
        </a>
      </div>
      {description ? <p className="analytics-card-note">{description}</p> : null}
      {rows.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <div className="analytics-scroll">
          <table className="table analytics-table" aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={c.numeric ? 'numeric' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c, i) => {
                    const content = c.render ? c.render(row) : c.value(row)
                    return i === 0 ? (
                      <th key={c.label} scope="row">
                        {content}
                      </th>
                    ) : (
                      <td key={c.label} className={c.numeric ? 'numeric' : undefined}>
                        {content}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > limit ? (
        <p className="analytics-card-note analytics-more">
          {all ? `All ${rows.length} rows.` : `The first ${shown.length} of ${rows.length}.`}{' '}
          <button
            type="button"
            className="button button-small"
            aria-expanded={all}
            onClick={() => setAll((v) => !v)}
          >
            {all ? 'Show fewer' : `Show all ${rows.length}`}
          </button>
        </p>
      ) : null}
    </section>
  )
}
