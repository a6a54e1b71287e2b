import { useId, useState, type ReactElement } from 'react'
import type { RecipientImportResult } from '../../../../shared/methods/recipients.js'
import type { CsvMapping, RecipientImportPreview } from '../../../../shared/types.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ColumnMapping, mappingRequest } from '../../components/column-mapping.js'
import { readCsvChoice, type FileChoice } from '../../components/csv-file.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatCount, plural } from '../../components/format.js'
import { ProblemsTable } from '../../components/problems-table.js'
import { exportFileName } from '../../../../shared/file-names.js'
import { useMutation } from '../../hooks/use-mutation.js'

type Step =
  | Readonly<{ kind: 'choose' }>
  | Readonly<{ kind: 'mapping'; columns: readonly string[]; mapping: CsvMapping; message?: string }>
  | Readonly<{ kind: 'preview'; preview: RecipientImportPreview; mapping?: CsvMapping }>
  | Readonly<{ kind: 'done'; result: RecipientImportResult }>

/** Import a roster: preview with duplicates and rejected rows; nothing is added until accepted. */
export function ImportRoster({ onClose }: Readonly<{ onClose: () => void }>): ReactElement {
  const [file, setFile] = useState<FileChoice | null>(null)
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const call = useMutation()
  const fileId = useId()

  async function preview(forFile: FileChoice, mapping?: CsvMapping): Promise<void> {
    const result = await call.run(
      (kiln) =>
        kiln.recipientsImportPreview({
          csvBase64: forFile.base64,
          ...(mapping ? { mapping } : {})
        }),
      {
        expected: (error) => error.code === 'CSV_INVALID' && mappingRequest(error.details) !== null
      }
    )
    if (!result) return
    if (result.ok) {
      setStep({ kind: 'preview', preview: result.value, mapping: mapping ?? result.value.mapping })
      return
    }
    const request =
      result.error.code === 'CSV_INVALID' ? mappingRequest(result.error.details) : null
    if (request) setStep({ kind: 'mapping', ...request, message: result.error.message })
  }

  async function commit(acceptValidRows: boolean, mapping?: CsvMapping): Promise<void> {
    if (!file) return
    const result = await call.run((kiln) =>
      kiln.recipientsImport({
        csvBase64: file.base64,
        ...(mapping ? { mapping } : {}),
        ...(acceptValidRows ? { acceptValidRows: true } : {})
      })
    )
    if (result?.ok) setStep({ kind: 'done', result: result.value })
  }

  return (
    <section className="card import-roster" aria-labelledby="import-heading">
      <h2 id="import-heading">Import a roster</h2>
      {step.kind !== 'done' ? (
        <div className="field">
          <label className="field-label" htmlFor={fileId}>
            Roster CSV file
          </label>
          <input
            id={fileId}
            className="file-input"
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            onChange={(event) => {
              const chosen = event.target.files?.[0]
              if (!chosen) return
              void readCsvChoice(chosen).then((next) => {
                if (!next.ok) {
                  setFile(null)
                  setStep({ kind: 'choose' })
                  call.setError(next.error)
                  return
                }
                setFile(next.value)
                void preview(next.value)
              })
            }}
          />
          <span className="field-description">
            A name and an e-mail per row; a member id is optional. Duplicates are reported, never
            merged.
          </span>
        </div>
      ) : null}
      <BusyStatus busy={call.busy}>Reading the file…</BusyStatus>
      <ErrorAlert error={call.error} />

      {step.kind === 'mapping' && file ? (
        <ColumnMapping
          columns={step.columns}
          initial={step.mapping}
          message={step.message}
          submitLabel="Preview with these columns"
          onSubmit={(mapping) => void preview(file, mapping)}
        />
      ) : null}

      {step.kind === 'preview' ? (
        <RosterPreview
          preview={step.preview}
          fileName={file?.name ?? ''}
          busy={call.busy}
          onImport={(valid) => void commit(valid, step.mapping)}
        />
      ) : null}

      {step.kind === 'done' ? (
        <p role="status" className="notice notice-success">
          Added {plural(step.result.added, 'person', 'people')}.
          {step.result.duplicates.length > 0
            ? ` ${formatCount(step.result.duplicates.length)} duplicates were left as they were.`
            : ''}
          {step.result.rejected.length > 0
            ? ` ${formatCount(step.result.rejected.length)} rejected rows were left out.`
            : ''}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {step.kind === 'done' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </section>
  )
}

type RosterPreviewProps = Readonly<{
  preview: RecipientImportPreview
  fileName: string
  busy: boolean
  onImport: (acceptValidRows: boolean) => void
}>

function RosterPreview({ preview, fileName, busy, onImport }: RosterPreviewProps): ReactElement {
  const { toAdd, duplicates, rejected } = preview.counts
  return (
    <div className="roster-preview">
      <dl className="stats">
        <div className="stat stat-good">
          <dt>Will be added</dt>
          <dd>{formatCount(toAdd)}</dd>
        </div>
        <div className="stat stat-neutral">
          <dt>Duplicates (left as they are)</dt>
          <dd>{formatCount(duplicates)}</dd>
        </div>
        <div className={rejected > 0 ? 'stat stat-bad' : 'stat stat-neutral'}>
          <dt>Rejected</dt>
          <dd>{formatCount(rejected)}</dd>
        </div>
      </dl>
      {rejected > 0 ? (
        <ProblemsTable
          caption={`Rejected rows (${formatCount(rejected)})`}
          problems={preview.rejected}
          filename={exportFileName(
            [fileName.replace(/\.(csv|tsv|txt)$/i, ''), 'rejected rows'],
            'csv'
          )}
        />
      ) : null}
      {duplicates > 0 ? (
        <details>
          <summary>Duplicates ({formatCount(duplicates)})</summary>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Duplicate rows</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    Row
                  </th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {preview.duplicates.slice(0, 200).map((d) => (
                  <tr key={`${d.row}:${d.email}`}>
                    <td className="numeric">{d.row}</td>
                    <td>{d.email}</td>
                    <td>{d.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || rejected > 0 || toAdd === 0}
          onClick={() => onImport(false)}
        >
          Import {plural(toAdd, 'person', 'people')}
        </button>
        {rejected > 0 && toAdd > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => onImport(true)}>
            Import the valid rows only ({formatCount(toAdd)})
          </button>
        ) : null}
      </div>
      {rejected > 0 ? (
        <p className="muted">
          Nothing is imported while rows are rejected, unless you choose the valid rows only.
        </p>
      ) : null}
    </div>
  )
}
