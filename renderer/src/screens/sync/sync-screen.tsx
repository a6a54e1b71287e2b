import { useCallback, useEffect, useState, type FormEvent, type ReactElement } from 'react'
import { Button, Checkbox } from 'react-aria-components'
import type { BundleExportSummary, BundleStatus } from '../../../../shared/methods/bundle.js'
import type { KilnError } from '../../../../shared/result.js'
import { kiln } from '../../api/client.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatCount, formatDate, plural } from '../../components/format.js'
import { JobProgress } from '../../components/job-progress.js'
import { useJob } from '../../components/use-job.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { FormTextField } from '../../components/text-field.js'
import './sync.css'

const RELOAD_DEBOUNCE_MS = 200

/** What changed since the last bundle, and its history; reloaded when any data changes. */
function useBundleStatus(): {
  status: BundleStatus | null
  error: KilnError | null
  reload: () => void
} {
  const [status, setStatus] = useState<BundleStatus | null>(null)
  const [error, setError] = useState<KilnError | null>(null)
  const reload = useCallback(() => {
    void kiln.bundleStatus({}).then((result) => {
      if (result.ok) {
        setStatus(result.value)
        setError(null)
      } else setError(result.error)
    })
  }, [])
  useEffect(() => {
    reload()
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = kiln.on('data:changed', () => {
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(reload, RELOAD_DEBOUNCE_MS)
    })
    return () => {
      if (timer !== undefined) clearTimeout(timer)
      off()
    }
  }, [reload])
  return { status, error, reload }
}

/** Sync: export the badge site as a bundle (folder or zip), with what changed and the history. */
export function SyncScreen(): ReactElement {
  const { status, error, reload } = useBundleStatus()
  const [out, setOut] = useState('')
  const [full, setFull] = useState(false)
  const [jobId, setJobId] = useState<string | null>(null)
  const [startError, setStartError] = useState<KilnError | null>(null)
  const job = useJob(jobId, 0, 'bundle:export')
  const busy = jobId !== null && job.final === null
  const result: BundleExportSummary | null =
    job.final?.state === 'done' ? (job.final.result ?? null) : null
  const exportError = startError ?? job.final?.error ?? null
  const progress = busy && job.total > 0 ? { done: job.done, total: job.total } : null

  useEffect(() => {
    if (job.final) reload()
  }, [job.final, reload])

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!out.trim() || busy) return
    setStartError(null)
    setJobId(null)
    const answer = await kiln.bundleExport({ out: out.trim(), ...(full ? { full: true } : {}) })
    if (answer.ok) setJobId(answer.value.jobId)
    else setStartError(answer.error)
  }

  const pending = status?.pending
  const changes = pending ? pending.awards + pending.badges + pending.statusLists + pending.site : 0
  return (
    <div className="sync-screen">
      <ScreenHeading>Sync</ScreenHeading>
      <section className="card" aria-labelledby="sync-pending-heading">
        <h2 id="sync-pending-heading">Since the last bundle</h2>
        {error ? <ErrorAlert error={error} /> : null}
        {status && pending ? (
          changes === 0 ? (
            <p>Nothing changed since bundle {status.lastSeq}.</p>
          ) : (
            <ul>
              {pending.awards > 0 ? (
                <li>{plural(pending.awards, 'credential', 'credentials')} new or changed</li>
              ) : null}
              {pending.badges > 0 ? (
                <li>{plural(pending.badges, 'badge', 'badges')} new or changed</li>
              ) : null}
              {pending.statusLists > 0 ? (
                <li>
                  {plural(pending.statusLists, 'status list', 'status lists')} changed (revocations
                  or keys)
                </li>
              ) : null}
              {pending.site > 0 ? <li>Issuer pages or the verifier changed</li> : null}
            </ul>
          )
        ) : (
          <p>Loading…</p>
        )}
      </section>
      <section className="card" aria-labelledby="sync-export-heading">
        <h2 id="sync-export-heading">Export a bundle</h2>
        <form onSubmit={(e) => void onSubmit(e)}>
          <FormTextField
            name="out"
            label="Destination"
            description="A new or empty folder, or a file name ending in .zip. Copy the bundles, in order, over the root of the badge site."
            isRequired
            value={out}
            onChange={setOut}
          />
          <Checkbox isSelected={full} onChange={setFull} className="sync-check">
            Every file of the site (not only the changes)
          </Checkbox>
          <Button type="submit" className="button button-primary" isDisabled={busy || !out.trim()}>
            Export bundle
          </Button>
        </form>
        {busy && progress ? (
          <JobProgress label="Bundle export" done={progress.done} total={progress.total} />
        ) : null}
        {busy && !progress ? <p role="status">Exporting…</p> : null}
        {exportError ? <ErrorAlert error={exportError} /> : null}
        {result ? (
          <p role="status">
            Bundle {result.seq}
            {result.unchanged ? ' (nothing had changed: the same bundle again)' : ''}:{' '}
            {plural(result.files, 'file', 'files')}, {formatCount(Math.round(result.bytes / 1024))}{' '}
            kB written to {result.out}.
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="sync-history-heading">
        <h2 id="sync-history-heading">History</h2>
        {status && status.history.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Bundle</th>
                <th scope="col">Date</th>
                <th scope="col" className="numeric">
                  Files
                </th>
                <th scope="col">Kind</th>
                <th scope="col">Destination</th>
              </tr>
            </thead>
            <tbody>
              {status.history.map((h, i) => (
                <tr key={`${h.seq}-${h.at}-${i}`}>
                  <th scope="row">{h.seq}</th>
                  <td>{formatDate(h.at)}</td>
                  <td className="numeric">{formatCount(h.files)}</td>
                  <td>{h.full ? 'Full' : h.unchanged ? 'Repeat' : 'Changes'}</td>
                  <td>{h.out}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No bundle exported yet.</p>
        )}
      </section>
    </div>
  )
}
