import { useState, type ReactElement } from 'react'
import { Form } from 'react-aria-components'
import type { Award } from '../../../../shared/types.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatDate } from '../../components/format.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { FormTextField } from '../../components/text-field.js'
import { useSessionValue } from '../../components/use-session-value.js'

type ReissueDialogProps = Readonly<{
  award: Award
  badgeName: string
  onClose: () => void
}>

/** Correct a name or e-mail: the old credential is revoked and a new one issued in its place. */
export function ReissueDialog({ award, badgeName, onClose }: ReissueDialogProps): ReactElement {
  const [operator] = useSessionValue('kiln.operator')
  const [name, setName] = useState(award.recipientName)
  const [email, setEmail] = useState(award.recipientEmail)
  const action = useMutation()
  const [issued, setIssued] = useState<Award | null>(null)
  const changed =
    name.trim() !== award.recipientName || email.trim().toLowerCase() !== award.recipientEmail

  async function reissue(): Promise<void> {
    const result = await action.run((kiln) =>
      kiln.awardsReissue({
        id: award.id,
        ...(name.trim() !== award.recipientName ? { name: name.trim() } : {}),
        ...(email.trim().toLowerCase() !== award.recipientEmail ? { email: email.trim() } : {}),
        ...(operator.trim() ? { operator: operator.trim() } : {})
      })
    )
    if (result?.ok) setIssued(result.value.issued)
  }

  return (
    <ModalDialog
      title={issued ? 'Reissued' : 'Reissue with a correction'}
      isOpen
      onOpenChange={(open) => {
        if (!open) onClose()
      }}
    >
      {issued ? (
        <>
          <p role="status">
            A new credential for <strong>{issued.recipientName}</strong> ({issued.recipientEmail})
            replaces the old one, which is now revoked.
          </p>
          <dl className="details">
            <div className="details-row">
              <dt>Badge</dt>
              <dd>{badgeName}</dd>
            </div>
            <div className="details-row">
              <dt>New award id</dt>
              <dd>
                <code>{issued.id}</code>
              </dd>
            </div>
            <div className="details-row">
              <dt>Awarded on</dt>
              <dd>{formatDate(issued.awardedDate)} (kept from the original)</dd>
            </div>
          </dl>
          <div className="modal-actions">
            <button type="button" className="button button-primary" autoFocus onClick={onClose}>
              Done
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            A signed credential cannot be edited. Kiln revokes the old one and issues a new one that
            keeps the original award date and names the credential it replaces.
          </p>
          <Form
            className="form"
            onSubmit={(event) => {
              event.preventDefault()
              if (changed) void reissue()
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
            <ErrorAlert error={action.error} />
            <div className="modal-actions">
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
              <button
                type="submit"
                className="button button-primary"
                disabled={action.busy || !changed}
              >
                Reissue
              </button>
            </div>
          </Form>
        </>
      )}
    </ModalDialog>
  )
}
