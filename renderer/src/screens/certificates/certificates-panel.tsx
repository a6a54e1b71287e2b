import { useEffect, useState, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import type { KilnApi } from '../../../../shared/api.js'
import { ok, type Result } from '../../../../shared/result.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { SelectField } from '../../components/select-field.js'
import { useKilnQuery, type Domain } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { CertificateExportStatus } from './certificate-export-status.js'
import {
  useCertificateExport,
  type CertificatePage,
  type CertificateTemplate
} from './use-certificate-export.js'
import '../../components/awarding.css'
import './certificates.css'

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
 * them all as one PDF (a page each) or as a zip of PDFs, with progress and cancel. In
 * `kiln serve` the finished file downloads through the browser.
 */
export function CertificatesPanel({ onAward }: Readonly<{ onAward?: () => void }>): ReactElement {
  const badges = useKilnQuery(loadPrintable, PRINTABLE_DOMAINS)
  const [badgeId, setBadgeId] = useState('')
  const [template, setTemplate] = useState<CertificateTemplate>('classic')
  const [pageSize, setPageSize] = useState<CertificatePage>('a4')
  const [preview, setPreview] = useState<string | null>(null)
  const previewing = useMutation()
  const exp = useCertificateExport()

  const printable = badges.phase === 'ready' ? badges.value : []
  const chosen = badgeId || printable[0]?.id || ''
  const chosenName = printable.find((b) => b.id === chosen)?.name ?? ''

  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview)
    },
    [preview]
  )

  async function showPreview(): Promise<void> {
    const result = await previewing.run((client) =>
      client.certificatesPreview({ badgeId: chosen, template, pageSize })
    )
    if (result?.ok) setPreview(pdfUrl(result.value.pdfBase64))
  }

  function exportAll(mode: 'single-pdf' | 'zip'): void {
    void exp.start({
      badgeId: chosen,
      template,
      pageSize,
      mode,
      title: [chosenName, 'certificates']
    })
  }

  return (
    <section className="certificates-panel" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">Certificates</h2>
      <p className="certificates-hint">
        Printable PDF certificates for every award of a badge. Each one carries its signed
        credential, so <code>kiln verify</code> can check the PDF itself.
      </p>
      {badges.phase === 'ready' && printable.length === 0 ? (
        <div className="empty-state empty-state-action">
          <p>No certificates to print yet: a badge needs at least one award that is not revoked.</p>
          {onAward ? (
            <Button className="button button-primary" onPress={onAward}>
              Award a badge
            </Button>
          ) : null}
        </div>
      ) : (
        <>
          <div className="toolbar certificates-controls">
            <SelectField
              label="Badge"
              value={chosen}
              onChange={setBadgeId}
              disabled={exp.running}
              options={printable.map((b) => ({ value: b.id, label: `${b.name} (${b.count})` }))}
            />
            <SelectField<CertificateTemplate>
              label="Template"
              value={template}
              onChange={setTemplate}
              options={[
                { value: 'classic', label: 'Classic (framed)' },
                { value: 'modern', label: 'Modern (colour band)' }
              ]}
            />
            <SelectField<CertificatePage>
              label="Page"
              value={pageSize}
              onChange={setPageSize}
              options={[
                { value: 'a4', label: 'A4 landscape' },
                { value: 'letter', label: 'US Letter landscape' }
              ]}
            />
          </div>
          <div className="certificates-actions">
            <Button
              className="button"
              isDisabled={!chosen || previewing.busy}
              onPress={() => void showPreview()}
            >
              Preview
            </Button>
            <Button
              className="button button-primary"
              isDisabled={!chosen || exp.running}
              onPress={() => exportAll('single-pdf')}
            >
              Export one PDF
            </Button>
            <Button
              className="button"
              isDisabled={!chosen || exp.running}
              onPress={() => exportAll('zip')}
            >
              Export a zip of PDFs
            </Button>
          </div>
        </>
      )}
      <ErrorAlert error={previewing.error} />
      <CertificateExportStatus exp={exp} />
      {preview ? (
        <iframe className="certificates-preview" title="Certificate preview" src={preview} />
      ) : null}
    </section>
  )
}
