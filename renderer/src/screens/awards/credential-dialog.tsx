import { BadgeCheck, CircleAlert, Download, FileText } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import type { KilnApi } from '../../../../shared/api.js'
import type { KilnError, Result } from '../../../../shared/result.js'
import type { Award, VerificationReport } from '../../../../shared/types.js'
import { useKiln } from '../../api/kiln-context.js'
import { downloadBase64 } from '../../components/downloads.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { awardFileName } from '../../../../shared/file-names.js'
import { formatDate } from '../../components/format.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { awardState, awardStateSentence, AWARD_STATE_LABEL } from './award-status.js'

type CredentialDialogProps = Readonly<{ award: Award; badgeName: string; onClose: () => void }>

type Loaded = Readonly<{ credential: Record<string, unknown>; report: VerificationReport }>

export type CredentialFile = 'png' | 'ob3' | 'pdf'

/**
 * Download one award's file under a name a person recognises ("Ana Müller - Speaker.pdf"):
 * the baked PNG, the OB 3.0 JSON, or its PDF certificate.
 */
export async function downloadAwardFile(
  kiln: KilnApi,
  award: Award,
  badgeName: string,
  kind: CredentialFile
): Promise<Result<null>> {
  if (kind === 'pdf') {
    const pdf = await kiln.certificatesPreview({ awardId: award.id })
    if (!pdf.ok) return pdf
    const name = awardFileName(award.recipientName, badgeName, 'pdf', 'certificate')
    downloadBase64(name, 'application/pdf', pdf.value.pdfBase64)
    return { ok: true, value: null }
  }
  const result = await kiln.credentialsExport({ id: award.id, format: kind })
  if (!result.ok) return result
  const extension = kind === 'png' ? 'png' : 'json'
  const name = awardFileName(award.recipientName, badgeName, extension)
  downloadBase64(name, result.value.mediaType, result.value.base64)
  return { ok: true, value: null }
}

/** The signed credential of an award, checked as a verifier would, with the station's own status. */
export function CredentialDialog({
  award,
  badgeName,
  onClose
}: CredentialDialogProps): ReactElement {
  const kiln = useKiln()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<KilnError | null>(null)
  const download = useMutation()
  const state = awardState(award)
  const standing = awardStateSentence(award)

  useEffect(() => {
    let active = true
    void (async () => {
      const got = await kiln.credentialsGet({ id: award.id })
      if (!got.ok) {
        if (active) setError(got.error)
        return
      }
      const report = await kiln.credentialsVerify({ credential: got.value.credential })
      if (!active) return
      if (report.ok) setLoaded({ credential: got.value.credential, report: report.value })
      else setError(report.error)
    })()
    return () => {
      active = false
    }
  }, [kiln, award.id])

  const fetchFile = (kind: CredentialFile) =>
    void download.run((client) => downloadAwardFile(client, award, badgeName, kind))

  return (
    <ModalDialog
      title="Credential"
      size="wide"
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose())}
    >
      <dl className="credential-facts">
        <div>
          <dt>Badge</dt>
          <dd>{badgeName}</dd>
        </div>
        <div>
          <dt>Recipient</dt>
          <dd>
            {award.recipientName} <span className="muted">({award.recipientEmail})</span>
          </dd>
        </div>
        <div>
          <dt>Awarded</dt>
          <dd>
            {formatDate(award.awardedDate)}
            {award.validUntil ? ` · expires ${formatDate(award.validUntil)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${state === 'replaced' ? 'revoked' : state}`}>
              {AWARD_STATE_LABEL[state]}
            </span>
          </dd>
        </div>
      </dl>
      {!loaded && !error ? <p role="status">Verifying…</p> : null}
      <ErrorAlert error={error ?? download.error} />
      {loaded ? (
        <>
          <p
            role="status"
            className={
              loaded.report.valid && !standing
                ? 'verify-result verify-ok'
                : 'verify-result verify-bad'
            }
          >
            {loaded.report.valid && !standing ? (
              <>
                <BadgeCheck aria-hidden="true" size={20} /> Verified
              </>
            ) : (
              <>
                <CircleAlert aria-hidden="true" size={20} />{' '}
                {standing ?? 'Not verified: see the checks below.'}
              </>
            )}
          </p>
          <ul className="verify-checks">
            {loaded.report.checks.map((check) => (
              <li key={check.id} className={`verify-check verify-check-${check.status}`}>
                <span className="verify-check-status">{check.status}</span> {check.message}
              </li>
            ))}
          </ul>
          <details>
            <summary>Signed credential (JSON)</summary>
            <pre className="credential-json" tabIndex={0}>
              {JSON.stringify(loaded.credential, null, 2)}
            </pre>
          </details>
        </>
      ) : null}
      <div className="modal-actions">
        <button type="button" className="button" onClick={() => fetchFile('pdf')}>
          <FileText aria-hidden="true" size={16} /> Certificate (PDF)
        </button>
        <button type="button" className="button" onClick={() => fetchFile('png')}>
          <Download aria-hidden="true" size={16} /> Baked PNG
        </button>
        <button type="button" className="button" onClick={() => fetchFile('ob3')}>
          <Download aria-hidden="true" size={16} /> JSON
        </button>
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
