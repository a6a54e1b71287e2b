import type { ReactElement } from 'react'
import { ModalDialog } from '../../components/modal-dialog.js'

type DuplicateDialogProps = Readonly<{
  isOpen: boolean
  recipientName: string
  badgeName: string
  onAwardAgain: () => void
  onCancel: () => void
}>

/** Asked before awarding a badge that the person already holds. */
export function DuplicateDialog(props: DuplicateDialogProps): ReactElement {
  return (
    <ModalDialog
      title="Already awarded"
      role="alertdialog"
      isOpen={props.isOpen}
      onOpenChange={(open) => {
        if (!open) props.onCancel()
      }}
    >
      <p>
        <strong>{props.recipientName}</strong> already holds <strong>{props.badgeName}</strong>.
        Award it to them a second time?
      </p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={props.onCancel} autoFocus>
          Don’t award
        </button>
        <button type="button" className="button button-primary" onClick={props.onAwardAgain}>
          Award again
        </button>
      </div>
    </ModalDialog>
  )
}
