import { useEffect, useState, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import type { KilnApi } from '../../../../shared/api.js'
import { ok, type Result } from '../../../../shared/result.js'
import { useKiln } from '../../api/kiln-context.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { JobProgress } from '../../components/job-progress.js'
import { useJob } from '../../components/use-job.js'
import { useKilnQuery, type Domain } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import '../../components/awarding.css'
import './certificates.css'

type Template = 'classic' | 'modern'
type PageSize = 'a4' | 'letter'

type Printable = Readonly<{ id: string; name: string; count: number }>

/**
 * The badges with certificates to print and how many: awards that are not revoked (what the
 * export prints), so the picker and "Saved N certificates" agree. Asked again when awards change.
 */
async function loadPrintable(kiln: KilnApi): Promise<Result<readonly Printable[]>> {
  const listed = await kiln.badgesList({})
  if (!listed.ok) return listed
  const printable: Printable[] = []
  for (const badge of listed.value.badges.filter((b) => b.awardCount > 0)) {
    const all = await kiln.awardsList({ badgeId: badge.id, limit: 1 })
    const revoked = await kiln.awardsList({ badgeId: badge.id, status: 'revoked', limit: 1 })
    if (!all.ok) return all
    if (!revoked.ok) return revoked
    const count = all.value.total - revoked.value.total
    if (count > 0) printable.push({ id: badge.id, name: badge.content.name, count })
  }
  return ok(printable)
}
const PRINTABLE_DOMAINS: readonly Domain[] = ['awards', 'badges']

function pdfUrl(base64: string): string {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
}

/**
 * Printable PDF certificates for a badge's awards: preview the first one, then export
 * them all as one PDF (a page each) or as a zip of PDFs, with progress and cancel.
 */
export function CertificatesPanel(): ReactElement {
  const badges = useKilnQuery(loadPrintable, PRINTABLE_DOMAINS)
  const [badgeId, setBadgeId] = useState('')
  const [template, setTemplate] = useState<Template>('classic')
  const [pageSize, setPageSize] = useState<PageSize>('a4')
  const [preview, setPreview] = useState<string | null>(null)
  const kiln = useKiln()
  const [started, setStarted] = useState<{ jobId: string; total: number } | null>(null)
  const action = useMutation()
  const busy = action.busy
  const view = useJob(started?.jobId ?? null, started?.total ?? 0, 'certificates:export')
  const final = view.final
  const written = final?.state === 'done' ? final.result : undefined

  async function openFolder(file: string | undefined): Promise<void> {
    if (!file) return
    await action.run((client) => client.hostRevealPath({ path: file }))
  }

  const printable = badges.phase === 'ready' ? badges.value : []
  const chosen = badgeId || printable[0]?.id || ''

  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview)
    },
    [preview]
  )

  async function showPreview(): Promise<void> {
    const result = await action.run((client) =>
      client.certificatesPreview({ badgeId: chosen, template, pageSize })
    )
    if (result?.ok) setPreview(pdfUrl(result.value.pdfBase64))
  }

  async function exportAll(mode: 'single-pdf' | 'zip'): Promise<void> {
    const answer = await action.run((client) =>
      client.certificatesExport({ badgeId: chosen, template, pageSize, mode })
    )
    if (answer?.ok) setStarted(answer.value)
  }

  const running = started !== null && final === null
  return (
    <section className="certificates-panel" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">Certificates</h2>
      <p className="certificates-hint">
        Printable PDF certificates for every award of a badge. Each one carries its signed
        credential, so <code>kiln verify</code> can check the PDF itself.
      </p>
      <div className="toolbar certificates-controls">
        <div className="field">
          <label className="field-label" htmlFor="certificates-badge">
            Badge
          </label>
          <select
            id="certificates-badge"
            className="select"
            value={chosen}
            onChange={(e) => setBadgeId(e.target.value)}
            disabled={running}
          >
            {printable.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} ({b.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="certificates-template">
            Template
          </label>
          <select
            id="certificates-template"
            className="select"
            value={template}
            onChange={(e) => setTemplate(e.target.value as Template)}
          >
            <option value="classic">Classic (framed)</option>
            <option value="modern">Modern (colour band)</option>
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="certificates-page">
            Page
          </label>
          <select
            id="certificates-page"
            className="select"
            value={pageSize}
            onChange={(e) => setPageSize(e.target.value as PageSize)}
          >
            <option value="a4">A4 landscape</option>
            <option value="letter">US Letter landscape</option>
          </select>
        </div>
      </div>
      <div className="certificates-actions">
        <Button className="button" isDisabled={!chosen || busy} onPress={() => void showPreview()}>
          Preview
        </Button>
        <Button
          className="button button-primary"
          isDisabled={!chosen || running}
          onPress={() => void exportAll('single-pdf')}
        >
          Export one PDF
        </Button>
        <Button
          className="button"
          isDisabled={!chosen || running}
          onPress={() => void exportAll('zip')}
        >
          Export a zip of PDFs
        </Button>
        {running && started ? (
          <Button
            className="button button-quiet"
            onPress={() => void kiln.jobsCancel({ jobId: started.jobId })}
          >
            Cancel
          </Button>
        ) : null}
      </div>
      {badges.phase === 'ready' && printable.length === 0 ? (
        <p className="empty-state">
          No certificates to print yet: award a badge at the desk (Alt+2), and its certificates can
          be printed here.
        </p>
      ) : null}
      <ErrorAlert error={action.error} />
      {started ? (
        <div className="certificates-job" aria-live="polite">
          {running ? (
            <JobProgress label="Certificates written" done={view.done} total={view.total} />
          ) : null}
          {written ? (
            <p>
              Saved {written.pages} certificate{written.pages === 1 ? '' : 's'} to{' '}
              <code className="certificates-path">{written.file}</code> (folder{' '}
              <code className="certificates-path">{written.folder}</code>).{' '}
              <Button className="button button-small" onPress={() => void openFolder(written.file)}>
                Open the folder
              </Button>
            </p>
          ) : null}
          {final?.state === 'cancelled' ? <p>Cancelled; no file was written.</p> : null}
          {final?.state === 'failed' ? <p>The export failed: {final.error?.message}</p> : null}
        </div>
      ) : null}
      {preview ? (
        <iframe className="certificates-preview" title="Certificate preview" src={preview} />
      ) : null}
    </section>
  )
}
