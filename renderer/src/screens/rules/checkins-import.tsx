import { useId, useState, type ReactElement } from 'react'
import type { CheckInImportResult } from '../../../../shared/rules-types.js'
import { BusyStatus } from '../../components/busy-status.js'
import { readCsvChoice, type FileChoice } from '../../components/csv-file.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatCount, plural } from '../../components/format.js'
import { ProblemsTable } from '../../components/problems-table.js'
import { exportFileName } from '../../../../shared/file-names.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { useSessionValue } from '../../components/use-session-value.js'

/** Import check-ins (who attended which session): a dry run first, then the real import. */
export function CheckinsImport(): ReactElement {
  const [operator] = useSessionValue('kiln.operator')
  const [file, setFile] = useState<FileChoice | null>(null)
  const [check, setCheck] = useState<CheckInImportResult | null>(null)
  const [done, setDone] = useState<CheckInImportResult | null>(null)
  const call = useMutation()
  const busy = call.busy
  const [inputKey, setInputKey] = useState(0)
  const fileId = useId()

  async function send(
    forFile: FileChoice,
    dryRun: boolean,
    acceptValidRows = false
  ): Promise<void> {
    const result = await call.run((kiln) =>
      kiln.checkinsImport({
        csvBase64: forFile.base64,
        dryRun,
        acceptValidRows,
        ...(operator.trim() ? { operator: operator.trim() } : {})
      })
    )
    if (!result?.ok) return
    if (dryRun) setCheck(result.value)
    else {
      setDone(result.value)
      setCheck(null)
      setFile(null)
      setInputKey((k) => k + 1)
    }
  }

  const awardedByRules = done?.autoRun?.runs.reduce((n, run) => n + run.awarded.length, 0) ?? 0

  return (
    <section className="card checkins" aria-labelledby="checkins-heading">
      <h2 id="checkins-heading">Import check-ins</h2>
      <div className="field">
        <label className="field-label" htmlFor={fileId}>
          Check-ins CSV file
        </label>
        <input
          key={inputKey}
          id={fileId}
          className="file-input"
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          onChange={(event) => {
            const chosen = event.target.files?.[0]
            if (!chosen) return
            setDone(null)
            void readCsvChoice(chosen).then((next) => {
              if (!next.ok) {
                setFile(null)
                setCheck(null)
                call.setError(next.error)
                return
              }
              setFile(next.value)
              void send(next.value, true)
            })
          }}
        />
        <span className="field-description">
          Columns: email (or member id), name, session, tags (separated by ;), date. The enabled
          rules run after the import.
        </span>
      </div>
      <BusyStatus busy={busy}>Reading the file…</BusyStatus>
      <ErrorAlert error={call.error} />
      {check && file ? (
        <>
          <dl className="stats">
            <div className="stat stat-good">
              <dt>Check-ins to import</dt>
              <dd>{formatCount(check.imported)}</dd>
            </div>
            <div className="stat stat-neutral">
              <dt>Already imported</dt>
              <dd>{formatCount(check.duplicates)}</dd>
            </div>
            <div className={check.rejected.length > 0 ? 'stat stat-bad' : 'stat stat-neutral'}>
              <dt>Rejected</dt>
              <dd>{formatCount(check.rejected.length)}</dd>
            </div>
          </dl>
          {check.rejected.length > 0 ? (
            <ProblemsTable
              caption={`Rejected rows (${formatCount(check.rejected.length)})`}
              problems={check.rejected}
              filename={exportFileName(
                [file.name.replace(/\.(csv|tsv|txt)$/i, ''), 'rejected rows'],
                'csv'
              )}
            />
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy || check.rejected.length > 0 || check.imported === 0}
              onClick={() => void send(file, false)}
            >
              Import {plural(check.imported, 'check-in', 'check-ins')}
            </button>
            {check.rejected.length > 0 && check.imported > 0 ? (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void send(file, false, true)}
              >
                Import the valid rows only ({formatCount(check.imported)})
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      {done ? (
        <p role="status" className="notice notice-success">
          Imported {plural(done.imported, 'check-in', 'check-ins')}
          {done.duplicates > 0 ? ` (${formatCount(done.duplicates)} were already there)` : ''}.
          {done.autoRun ? ` The rules awarded ${plural(awardedByRules, 'badge', 'badges')}.` : ''}
        </p>
      ) : null}
    </section>
  )
}
