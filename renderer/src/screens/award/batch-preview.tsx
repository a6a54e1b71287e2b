import { useState, type ReactElement } from 'react'
import type { BatchNameChoice, BatchPreview, CsvMapping } from '../../../../shared/types.js'
import { formatCount, plural } from '../../components/format.js'
import { ProblemsTable } from '../../components/problems-table.js'
import { exportFileName } from '../../../../shared/file-names.js'
import { NameConflicts, nameChoices, type NameChoices } from './name-conflicts.js'

type BatchPreviewViewProps = Readonly<{
  preview: BatchPreview
  badgeName: string
  fileName: string
  busy: boolean
  onStart: (awardValidRows: boolean, names: readonly BatchNameChoice[]) => void
  onChangeMapping?: () => void
  onDiscard: () => void
}>

const SHOWN = 200

const DELIMITERS: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe'
}

/** What a batch would do, before anything is signed: nothing is issued until a button is pressed. */
export function BatchPreviewView(props: BatchPreviewViewProps): ReactElement {
  const { preview } = props
  const { toAward, alreadyHold, rejected } = preview.counts
  const csv = preview.csv
  const [choices, setChoices] = useState<NameChoices>(new Map())
  const names = nameChoices(preview.conflicts, choices)
  const start = (awardValidRows: boolean) => {
    if (names) props.onStart(awardValidRows, names)
  }
  const blockedBy = [
    rejected > 0 ? 'batch-blocked' : '',
    names ? '' : 'name-conflicts-open'
  ].filter(Boolean)
  return (
    <section className="batch-preview" aria-labelledby="batch-preview-heading">
      <h2 id="batch-preview-heading">Preview: {props.badgeName}</h2>
      <p className="muted batch-source">
        From <strong>{props.fileName}</strong>
        {csv
          ? ` · ${csv.encoding.toUpperCase()}, ${DELIMITERS[csv.delimiter] ?? `“${csv.delimiter}”`}-separated · ${describeMapping(csv.mapping)}`
          : null}
        {props.onChangeMapping ? (
          <>
            {' '}
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={props.onChangeMapping}
            >
              Change columns
            </button>
          </>
        ) : null}
      </p>
      <dl className="stats">
        <div className="stat stat-good">
          <dt>Will be awarded</dt>
          <dd>{formatCount(toAward)}</dd>
        </div>
        <div className="stat stat-neutral">
          <dt>Already hold it (skipped)</dt>
          <dd>{formatCount(alreadyHold)}</dd>
        </div>
        <div className={rejected > 0 ? 'stat stat-bad' : 'stat stat-neutral'}>
          <dt>Rejected</dt>
          <dd>{formatCount(rejected)}</dd>
        </div>
      </dl>

      {toAward === 0 && rejected === 0 ? (
        <p className="notice" role="note">
          Nobody to award: everyone in {props.fileName} already holds {props.badgeName}. Choose
          another file or another badge.
        </p>
      ) : null}
      {rejected > 0 ? (
        <>
          <p className="notice" role="note">
            {plural(rejected, 'row has', 'rows have')} problems. Fix the file and choose it again,
            or award only the valid rows: the rejected ones are then left out.
          </p>
          <ProblemsTable
            caption={`Rejected rows (${formatCount(rejected)})`}
            problems={preview.rejected}
            filename={exportFileName(
              [props.fileName.replace(/\.(csv|tsv|txt)$/i, ''), 'rejected rows'],
              'csv'
            )}
          />
        </>
      ) : null}

      {preview.conflicts.length > 0 ? (
        <NameConflicts conflicts={preview.conflicts} choices={choices} onChange={setChoices} />
      ) : null}

      <div className="form-actions batch-actions">
        <button
          type="button"
          className="button button-primary button-large"
          disabled={props.busy || rejected > 0 || toAward === 0 || !names}
          aria-describedby={blockedBy.length > 0 ? blockedBy.join(' ') : undefined}
          onClick={() => start(false)}
        >
          Award {plural(toAward, 'person', 'people')}
        </button>
        {rejected > 0 && toAward > 0 ? (
          <button
            type="button"
            className="button"
            disabled={props.busy || !names}
            onClick={() => start(true)}
          >
            Award the valid rows only ({formatCount(toAward)})
          </button>
        ) : null}
        <button type="button" className="button button-quiet" onClick={props.onDiscard}>
          Discard
        </button>
      </div>
      {rejected > 0 ? (
        <p id="batch-blocked" className="muted">
          Nothing is awarded while rows are rejected, unless you choose the valid rows only.
        </p>
      ) : null}

      {alreadyHold > 0 ? (
        <details className="batch-details">
          <summary>Skipped: already hold it ({formatCount(alreadyHold)})</summary>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Skipped rows</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    Row
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {preview.skipped.slice(0, SHOWN).map((s) => (
                  <tr key={`${s.row}:${s.email}`}>
                    <td className="numeric">{s.row}</td>
                    <th scope="row">{s.name}</th>
                    <td>{s.email}</td>
                    <td>{s.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}

      {toAward > 0 ? (
        <details className="batch-details">
          <summary>Who will be awarded ({formatCount(toAward)})</summary>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">People who will be awarded</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    Row
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                </tr>
              </thead>
              <tbody>
                {preview.toAward.slice(0, SHOWN).map((p) => (
                  <tr key={`${p.row}:${p.email}`}>
                    <td className="numeric">{p.row}</td>
                    <th scope="row">{p.name}</th>
                    <td>{p.email}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {toAward > SHOWN ? (
            <p className="muted">
              Showing the first {SHOWN} of {formatCount(toAward)}.
            </p>
          ) : null}
        </details>
      ) : null}
    </section>
  )
}

function describeMapping(mapping: CsvMapping): string {
  const parts: string[] = []
  if (mapping.name) parts.push(`name ← “${mapping.name}”`)
  if (mapping.firstName) parts.push(`first name ← “${mapping.firstName}”`)
  if (mapping.lastName) parts.push(`last name ← “${mapping.lastName}”`)
  if (mapping.email) parts.push(`e-mail ← “${mapping.email}”`)
  if (mapping.memberId) parts.push(`member id ← “${mapping.memberId}”`)
  return parts.join(', ')
}
