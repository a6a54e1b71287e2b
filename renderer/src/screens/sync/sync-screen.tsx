import { useEffect, useId, useRef, useState, type FormEvent, type ReactElement } from 'react'
import { Button, Checkbox } from 'react-aria-components'
import type { BundleExportSummary } from '../../../../shared/methods/bundle.js'
import type { KilnApi } from '../../../../shared/api.js'
import { exportFileName, fileDate } from '../../../../shared/file-names.js'
import { downloadOutput, FolderCheckNote, useHostKind } from '../../components/host-files.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { EmptyState } from '../../components/empty-state.js'
import { formatCount, formatDate, plural } from '../../components/format.js'
import { JobProgress } from '../../components/job-progress.js'
import { useJob } from '../../components/use-job.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { FormTextField } from '../../components/text-field.js'
import { useKilnQuery, type Domain } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import type { SectionProps } from '../section-props.js'
import { useNavigate } from '../navigation.js'
import './sync.css'

/** "badges.example.org" from the site URL, to name downloads after the site. */
function siteName(siteUrl: string | undefined): string {
  try {
    return siteUrl ? new URL(siteUrl).host : ''
  } catch {
    return ''
  }
}

const loadStatus = (kiln: KilnApi) => kiln.bundleStatus({})
/** Any change can be in the next bundle. */
const EVERY_DOMAIN: readonly Domain[] = [
  'station',
  'badges',
  'awards',
  'recipients',
  'rules',
  'checkins',
  'bundles'
]

/**
 * Sync: export the badge site as a bundle (folder or zip), with what changed and the history.
 * In `kiln serve` a bundle can also come down as a zip through the browser.
 */
export function SyncScreen({ status: station }: SectionProps): ReactElement {
  const host = useHostKind()
  const go = useNavigate()
  const checkId = useId()
  const bundle = useKilnQuery(loadStatus, EVERY_DOMAIN)
  const status = bundle.phase === 'ready' ? bundle.value : null
  const error = bundle.phase === 'failed' ? bundle.error : null
  const [out, setOut] = useState('')
  const [full, setFull] = useState(false)
  const exporting = useMutation()
  const [jobId, setJobId] = useState<string | null>(null)
  /** The name the finished bundle downloads under (browser host), until it has been handed over. */
  const [toDownload, setToDownload] = useState<string | null>(null)
  const [downloaded, setDownloaded] = useState<string | null>(null)
  const job = useJob(jobId, 0, 'bundle:export')
  const busy = exporting.busy || (jobId !== null && job.final === null)
  const result: BundleExportSummary | null =
    job.final?.state === 'done' ? (job.final.result ?? null) : null
  const exportError = exporting.error ?? job.final?.error ?? null
  const progress = busy && job.total > 0 ? { done: job.done, total: job.total } : null
  const reload = bundle.reload
  const run = exporting.run

  useEffect(() => {
    if (job.final) reload()
  }, [job.final, reload])

  // In the browser host the finished zip is handed to the browser, once per job.
  const handed = useRef<string | null>(null)
  useEffect(() => {
    if (!result || !toDownload || !jobId || handed.current === jobId) return
    handed.current = jobId
    const name = toDownload
    void run(async (client) => {
      const given = await downloadOutput(client, result.out, name)
      if (given.ok) setDownloaded(name)
      return given
    })
  }, [result, toDownload, jobId, run])

  /** The one place this screen starts a bundle export (to a path, or to a download). */
  async function exportTo(destination: string | { download: string }): Promise<void> {
    setJobId(null)
    setDownloaded(null)
    setToDownload(null)
    const answer = await exporting.run(async (client) => {
      let target = typeof destination === 'string' ? destination : ''
      if (typeof destination !== 'string') {
        const fresh = await client.hostExportPath({ fileName: destination.download })
        if (!fresh.ok) return fresh
        target = fresh.value.path
      }
      return client.bundleExport({ out: target, ...(full ? { full: true } : {}) })
    })
    if (!answer?.ok) return
    if (typeof destination !== 'string') setToDownload(destination.download)
    setJobId(answer.value.jobId)
  }

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!out.trim()) return
    await exportTo(out.trim())
  }

  const siteHost = siteName(station.siteUrl)

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
          <Checkbox isSelected={full} onChange={setFull} className="sync-check">
            Every file of the site (not only the changes)
          </Checkbox>
          {host === 'web' ? (
            <div className="sync-download">
              <Button
                className="button button-primary"
                isDisabled={busy}
                onPress={() =>
                  void exportTo({
                    download: exportFileName([siteHost, `bundle ${fileDate()}`], 'zip', 'bundle')
                  })
                }
              >
                Download the bundle (zip)
              </Button>
              <span className="muted">or write it to a folder on this computer:</span>
            </div>
          ) : null}
          <FormTextField
            name="out"
            label="Destination"
            description="A new or empty folder, or a file name ending in .zip. Copy the bundles, in order, over the root of the badge site."
            isRequired
            value={out}
            onChange={setOut}
            after={<FolderCheckNote id={checkId} path={out} forFile={/\.zip$/i.test(out.trim())} />}
          />
          <Button
            type="submit"
            className={host === 'web' ? 'button' : 'button button-primary'}
            isDisabled={busy || !out.trim()}
          >
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
            kB written to {result.out}
            {downloaded ? ` and downloaded as “${downloaded}”` : ''}.
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="sync-history-heading">
        <h2 id="sync-history-heading">History</h2>
        {status && status.history.length > 0 ? (
          <div className="sync-history">
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
          </div>
        ) : (
          <EmptyState
            actions={
              <Button
                className="button"
                onPress={() => go({ section: 'settings', part: 'settings-publish' })}
              >
                Publishing settings
              </Button>
            }
          >
            No bundle exported yet. Export one above and copy it over the root of the badge site, or
            set up publishing once and Kiln uploads the site itself.
          </EmptyState>
        )}
      </section>
    </div>
  )
}
