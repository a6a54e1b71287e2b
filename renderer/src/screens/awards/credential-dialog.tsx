import { BadgeCheck, CircleAlert, Download } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import type { KilnApi } from '../../../../shared/api.js'
import type { KilnError } from '../../../../shared/result.js'
import type { Award, VerificationReport } from '../../../../shared/types.js'
import { useKiln } from '../../api/kiln-context.js'
import { downloadBase64 } from '../../components/downloads.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatDate } from '../../components/format.js'
import { ModalDialog } from '../../components/modal-dialog.js'

type CredentialDialogProps = Readonly<{ award: Award; badgeName: string; onClose: () => void }>

type Loaded = Readonly<{ credential: Record<string, unknown>; report: VerificationReport }>

/** Export a credential as a file download (baked PNG, OB 3.0 JSON, …). */
export async function downloadCredential(
  kiln: KilnApi,
  id: string,
  format: 'png' | 'ob3'
): Promise<KilnError | null> {
  const result = await kiln.credentialsExport({ id, format })
  if (!result.ok) return result.error
  downloadBase64(result.value.filename, result.value.mediaType, result.value.base64)
  return null
}

/** The signed credential of an award, checked by the same verifier a recipient's wallet uses. */
export function CredentialDialog({
  award,
  badgeName,
  onClose
}: CredentialDialogProps): ReactElement {
  const kiln = useKiln()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<KilnError | null>(null)

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

  return (
    <ModalDialog title="Credential" isOpen onOpenChange={(open) => (open ? undefined : onClose())}>
      <p>
        <strong>{badgeName}</strong> · {award.recipientName} ({award.recipientEmail}) · awarded{' '}
        {formatDate(award.awardedDate)}
        {award.validUntil ? ` · expires ${formatDate(award.validUntil)}` : ''}
      </p>
      {!loaded && !error ? <p role="status">Verifying…</p> : null}
      <ErrorAlert error={error} />
      {loaded ? (
        <>
          <p
            role="status"
            className={loaded.report.valid ? 'verify-result verify-ok' : 'verify-result verify-bad'}
          >
            {loaded.report.valid ? (
              <>
                <BadgeCheck aria-hidden="true" size={20} /> Verified
              </>
            ) : (
              <>
                <CircleAlert aria-hidden="true" size={20} /> Not verified
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
        <button
          type="button"
          className="button"
          onClick={() => void downloadCredential(kiln, award.id, 'png').then(setError)}
        >
          <Download aria-hidden="true" size={16} /> Baked PNG
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void downloadCredential(kiln, award.id, 'ob3').then(setError)}
        >
          <Download aria-hidden="true" size={16} /> JSON
        </button>
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
