import { Download } from 'lucide-react'
import type { ReactElement } from 'react'
import type { RowProblem } from '../../../shared/types.js'
import { csvDataUri, toCsv } from './downloads.js'
import { formatCount } from './format.js'
import './problems-table.css'

type ProblemsTableProps = Readonly<{
  caption: string
  problems: readonly RowProblem[]
  /** File name of the "Download the problems as CSV" link. */
  filename: string
  /** Rows shown on screen (all of them are in the download). */
  limit?: number
}>

/** Rejected rows as a table a person can act on (row, field, what is wrong) and as a CSV download. */
export function ProblemsTable({
  caption,
  problems,
  filename,
  limit = 200
}: ProblemsTableProps): ReactElement {
  const shown = problems.slice(0, limit)
  const csv = toCsv(
    ['row', 'field', 'problem'],
    problems.map((p) => [String(p.row), p.field, p.message])
  )
  return (
    <div className="problems">
      <div className="table-scroll">
        <table className="table problems-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                Row
              </th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={`${p.row}:${p.field}:${p.message}`}>
                <td className="numeric">{p.row}</td>
                <td>
                  <code>{p.field}</code>
                </td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > shown.length ? (
        <p className="problems-more">
          Showing {formatCount(shown.length)} of {formatCount(problems.length)}; the download has
          them all.
        </p>
      ) : null}
      <a
        className="button button-small problems-download"
        href={csvDataUri(csv)}
        download={filename}
      >
        <Download aria-hidden="true" size={14} /> Download the problems as CSV
      </a>
    </div>
  )
}
