import { useState, type ReactElement } from 'react'
import { Form } from 'react-aria-components'
import type { Recipient } from '../../../../shared/types.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { FormTextField } from '../../components/text-field.js'

type EditRecipientDialogProps = Readonly<{ recipient: Recipient; onClose: () => void }>

/** Correct a person's details in the book (issued credentials change only by reissue). */
export function EditRecipientDialog({
  recipient,
  onClose
}: EditRecipientDialogProps): ReactElement {
  const [name, setName] = useState(recipient.name)
  const [email, setEmail] = useState(recipient.email)
  const [memberId, setMemberId] = useState(recipient.memberId ?? '')
  const action = useMutation()

  async function save(): Promise<void> {
    const result = await action.run((kiln) =>
      kiln.recipientsUpdate({
        id: recipient.id,
        ...(name.trim() !== recipient.name ? { name: name.trim() } : {}),
        ...(email.trim().toLowerCase() !== recipient.email ? { email: email.trim() } : {}),
        ...(memberId.trim() !== (recipient.memberId ?? '') ? { memberId: memberId.trim() } : {})
      })
    )
    if (result?.ok) onClose()
  }

  return (
    <ModalDialog
      title={`Edit ${recipient.name}`}
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose())}
    >
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <FormTextField
          name="name"
          label="Name"
          isRequired
          autoFocus
          value={name}
          onChange={setName}
        />
        <FormTextField
          name="email"
          label="E-mail"
          type="email"
          isRequired
          value={email}
          onChange={setEmail}
        />
        <FormTextField name="memberId" label="Member id" value={memberId} onChange={setMemberId} />
        {recipient.awardCount > 0 ? (
          <p className="muted">
            Credentials already issued keep the old details; reissue them from Awards to correct
            them.
          </p>
        ) : null}
        <ErrorAlert error={action.error} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={action.busy}>
            Save
          </button>
        </div>
      </Form>
    </ModalDialog>
  )
}
