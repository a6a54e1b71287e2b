import { CircleCheck, Copy, FileText } from 'lucide-react'
import { useState, type ReactElement } from 'react'
import type { Award } from '../../../../shared/types.js'
import { credentialPageUrl, formatDate } from '../../components/format.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { QrCode } from '../../components/qr-code.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { downloadAwardFile } from '../awards/credential-dialog.js'
import { AwardDelivery } from './award-delivery.js'

type AwardConfirmationProps = Readonly<{ award: Award; badgeName: string; siteUrl?: string }>

/** What was just awarded, with a QR code of the credential's future public page. */
export function AwardConfirmation({
  award,
  badgeName,
  siteUrl
}: AwardConfirmationProps): ReactElement {
  const url = siteUrl ? credentialPageUrl(siteUrl, award.id) : null
  const [copied, setCopied] = useState(false)
  const certificate = useMutation()

  async function copy(): Promise<void> {
    if (!url) return
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }

  return (
    <section className="confirmation" aria-labelledby="confirmation-heading">
      <h2 id="confirmation-heading" className="confirmation-heading">
        <CircleCheck aria-hidden="true" size={22} /> Awarded
      </h2>
      <div className="confirmation-body">
        <dl className="confirmation-facts">
          <div>
            <dt>Recipient</dt>
            <dd>
              <strong>{award.recipientName}</strong>
              <span className="confirmation-muted">{award.recipientEmail}</span>
            </dd>
          </div>
          <div>
            <dt>Badge</dt>
            <dd>{badgeName}</dd>
          </div>
          <div>
            <dt>Awarded on</dt>
            <dd>{formatDate(award.awardedDate)}</dd>
          </div>
          <div>
            <dt>Expires</dt>
            <dd>{award.validUntil ? formatDate(award.validUntil) : 'Never'}</dd>
          </div>
          {award.operator ? (
            <div>
              <dt>Awarded by</dt>
              <dd>{award.operator}</dd>
            </div>
          ) : null}
        </dl>
        {url ? (
          <figure className="confirmation-qr">
            <QrCode value={url} label={`QR code of the credential page ${url}`} />
            <figcaption className="confirmation-muted">Scan to open the credential page</figcaption>
          </figure>
        ) : null}
      </div>
      <div className="confirmation-actions">
        <button
          type="button"
          className="button button-small"
          disabled={certificate.busy}
          onClick={() =>
            void certificate.run((kiln) => downloadAwardFile(kiln, award, badgeName, 'pdf'))
          }
        >
          <FileText aria-hidden="true" size={14} /> Certificate (PDF)
        </button>
        <span role="status" className="busy-status">
          {certificate.busy ? 'Making the certificate…' : ''}
        </span>
      </div>
      <ErrorAlert error={certificate.error} />
      {url ? (
        <div className="confirmation-link">
          <span className="confirmation-muted">Credential page (live after the next sync)</span>
          <code className="confirmation-url">{url}</code>
          <button type="button" className="button button-small" onClick={() => void copy()}>
            <Copy aria-hidden="true" size={14} /> {copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
      ) : null}
      <AwardDelivery award={award} />
    </section>
  )
}
