import type { ReactElement } from 'react'
import type { Recipient } from '../../../../shared/types.js'
import { formatCount } from '../../components/format.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { ImportedBadges } from './imported-badges.js'

type RecipientDetailDialogProps = Readonly<{ recipient: Recipient; onClose: () => void }>

/** One person: their details, and the badges they brought from other issuers. */
export function RecipientDetailDialog({
  recipient,
  onClose
}: RecipientDetailDialogProps): ReactElement {
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['E-mail', recipient.emails.join(', ') || recipient.email],
    ['Member id', recipient.memberId ?? 'Not set'],
    ['Awards from this station', formatCount(recipient.awardCount)]
  ]
  return (
    <ModalDialog
      title={recipient.name}
      size="wide"
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose())}
    >
      <div className="recipient-detail">
        <dl className="details">
          {rows.map(([label, value]) => (
            <div key={label} className="details-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <ImportedBadges recipientId={recipient.id} name={recipient.name} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </ModalDialog>
  )
}
