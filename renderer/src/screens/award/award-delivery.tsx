import { Printer, Send } from 'lucide-react'
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import type { KilnApi } from '../../../../shared/api.js'
import type { Award } from '../../../../shared/types.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { useKilnQuery, type Domain } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { DeliveryStatus, useDeliveries } from '../outbox/delivery-status.js'
import { deliveryDetail } from '../outbox/delivery-labels.js'
import { useDesk } from '../desk/desk-context.js'

const PRINT_DOMAINS: readonly Domain[] = ['station', 'badges']

/**
 * At the desk, after an award: where its e-mail is (queued, waiting for the site, sent…), "Send
 * now" (the attachments carry the credential, so the site need not be live), and printing that
 * one person's certificate.
 */
export function AwardDelivery({ award }: Readonly<{ award: Award }>): ReactElement {
  const deliveries = useDeliveries(useMemo(() => [award.id], [award.id]))
  const delivery = deliveries.get(award.id)
  const sending = useMutation()
  const { busy, error } = sending
  const [printing, setPrinting] = useState(false)
  // Sending is the passphrase holder's in desk mode (the background sender still sends).
  const desk = useDesk()
  const sendable =
    !desk && (!delivery || delivery.state === 'queued' || delivery.state === 'failed')

  async function sendNow(): Promise<void> {
    const failed = delivery?.state === 'failed' ? delivery.id : undefined
    await sending.run(async (kiln) => {
      // A failed message is queued again first, then sent without waiting for the site.
      if (failed) {
        const retried = await kiln.outboxRetry({ ids: [failed] })
        if (!retried.ok) return retried
      }
      return kiln.deliveryStart({ awardIds: [award.id], now: true })
    })
  }

  const detail = delivery ? deliveryDetail(delivery) : undefined
  return (
    <div className="desk-delivery">
      <span className="desk-delivery-label">E-mail:</span>
      {delivery ? (
        <DeliveryStatus delivery={delivery} />
      ) : (
        <span className="muted">No message</span>
      )}
      {detail && delivery?.state !== 'queued' ? <span className="muted">{detail}</span> : null}
      {sendable ? (
        <Button className="button button-small" isDisabled={busy} onPress={() => void sendNow()}>
          <Send aria-hidden="true" size={14} /> Send now
        </Button>
      ) : null}
      <Button className="button button-small" onPress={() => setPrinting(true)}>
        <Printer aria-hidden="true" size={14} /> Print certificate
      </Button>
      <BusyStatus busy={busy}>Sending…</BusyStatus>
      <ErrorAlert error={error} />
      {printing ? <PrintDialog award={award} onClose={() => setPrinting(false)} /> : null}
    </div>
  )
}

function PrintDialog({
  award,
  onClose
}: Readonly<{ award: Award; onClose: () => void }>): ReactElement {
  const load = useCallback(
    (kiln: KilnApi) =>
      kiln.certificatesPreview({ awardId: award.id, template: 'classic', pageSize: 'a4' }),
    [award.id]
  )
  // The certificate shows the issuer's profile and the badge: made again if either changes.
  const pdf = useKilnQuery(load, PRINT_DOMAINS)
  const base64 = pdf.phase === 'ready' ? pdf.value.pdfBase64 : undefined
  const url = useMemo(() => {
    if (base64 === undefined) return null
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
  }, [base64])
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url])
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null)

  return (
    <ModalDialog
      title={`Certificate for ${award.recipientName}`}
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose())}
    >
      <ErrorAlert error={pdf.phase === 'failed' ? pdf.error : null} />
      {url ? (
        <iframe ref={setFrame} className="pdf-preview" title="Certificate" src={url} />
      ) : (
        <p role="status">Preparing the certificate…</p>
      )}
      <div className="form-actions">
        <Button
          className="button button-primary"
          isDisabled={!url}
          onPress={() => frame?.contentWindow?.print()}
        >
          <Printer aria-hidden="true" size={16} /> Print
        </Button>
        <Button className="button" slot="close">
          Close
        </Button>
      </div>
    </ModalDialog>
  )
}
