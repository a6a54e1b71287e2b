import { useState, type ReactElement } from 'react'
import { Form } from 'react-aria-components'
import type { Award } from '../../../../shared/types.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { FormTextField } from '../../components/text-field.js'
import { useSessionValue } from '../../components/use-session-value.js'

type RevokeDialogProps = Readonly<{
  award: Award
  badgeName: string
  onClose: (revoked: Award | null) => void
}>

/** Revoking asks for a reason; it is recorded with who revoked and published in the status list. */
export function RevokeDialog({ award, badgeName, onClose }: RevokeDialogProps): ReactElement {
  const [operator] = useSessionValue('kiln.operator')
  const [reason, setReason] = useState('')
  const action = useMutation()

  async function revoke(): Promise<void> {
    const result = await action.run((kiln) =>
      kiln.awardsRevoke({
        id: award.id,
        reason: reason.trim(),
        ...(operator.trim() ? { operator: operator.trim() } : {})
      })
    )
    if (result?.ok) onClose(result.value)
  }

  return (
    <ModalDialog
      title="Revoke this award?"
      role="alertdialog"
      isOpen
      onOpenChange={(open) => {
        if (!open) onClose(null)
      }}
    >
      <p>
        <strong>{badgeName}</strong> awarded to <strong>{award.recipientName}</strong> (
        {award.recipientEmail}) will show as revoked to anyone who checks it, after the next sync.
        This cannot be undone.
      </p>
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault()
          if (reason.trim()) void revoke()
        }}
      >
        <FormTextField
          name="reason"
          label="Reason"
          description="Recorded in the journal, e.g. “awarded by mistake”."
          isRequired
          autoFocus
          value={reason}
          onChange={setReason}
        />
        <ErrorAlert error={action.error} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={() => onClose(null)}>
            Keep it
          </button>
          <button
            type="submit"
            className="button button-danger"
            disabled={action.busy || !reason.trim()}
          >
            Revoke
          </button>
        </div>
      </Form>
    </ModalDialog>
  )
}
