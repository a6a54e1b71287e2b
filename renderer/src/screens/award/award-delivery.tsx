import { Printer, Send } from 'lucide-react'
import { useEffect, useMemo, useState, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import type { KilnError } from '../../../../shared/result.js'
import type { Award } from '../../../../shared/types.js'
import { useKiln } from '../../api/kiln-context.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { DeliveryStatus, useDeliveries } from '../outbox/delivery-status.js'
import { deliveryDetail } from '../outbox/delivery-labels.js'

/**
 * At the desk, after an award: where its e-mail is (queued, waiting for the site, sent…), "Send
 * now" (the attachments carry the credential, so the site need not be live), and printing that
 * one person's certificate.
 */
export function AwardDelivery({ award }: Readonly<{ award: Award }>): ReactElement {
  const kiln = useKiln()
  const deliveries = useDeliveries(useMemo(() => [award.id], [award.id]))
  const delivery = deliveries.get(award.id)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<KilnError | null>(null)
  const [printing, setPrinting] = useState(false)
  const sendable = !delivery || delivery.state === 'queued' || delivery.state === 'failed'

  async function sendNow(): Promise<void> {
    if (busy) return
    setBusy(true)
    setError(null)
    if (delivery?.state === 'failed') {
      const retried = await kiln.outboxRetry({ ids: [delivery.id] })
      if (!retried.ok) {
        setBusy(false)
        setError(retried.error)
        return
      }
    }
    const result = await kiln.deliveryStart({ awardIds: [award.id], now: true })
    setBusy(false)
    if (!result.ok) setError(result.error)
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
  const kiln = useKiln()
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<KilnError | null>(null)
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null)

  useEffect(() => {
    let active = true
    let made: string | undefined
    void kiln
      .certificatesPreview({ awardId: award.id, template: 'classic', pageSize: 'a4' })
      .then((result) => {
        if (!active) return
        if (!result.ok) {
          setError(result.error)
          return
        }
        const bytes = Uint8Array.from(atob(result.value.pdfBase64), (c) => c.charCodeAt(0))
        made = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
        setUrl(made)
      })
    return () => {
      active = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [kiln, award.id])

  return (
    <ModalDialog
      title={`Certificate for ${award.recipientName}`}
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose())}
    >
      <ErrorAlert error={error} />
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
