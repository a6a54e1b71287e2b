import { useState, type FormEvent, type ReactElement } from 'react'
import { Button, Form } from 'react-aria-components'
import type { StationStatus } from '../../../../shared/types.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { FormTextField } from '../../components/text-field.js'
import { useMutation } from '../../hooks/use-mutation.js'

type LeaveDeskDialogProps = Readonly<{
  isOpen: boolean
  onClose: () => void
  onLeft: (status: StationStatus) => void
}>

/** Leaving desk mode: the station's passphrase, checked by the core (a wrong one keeps it on). */
export function LeaveDeskDialog({ isOpen, onClose, onLeft }: LeaveDeskDialogProps): ReactElement {
  const [passphrase, setPassphrase] = useState('')
  const leaving = useMutation()

  async function leave(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (!passphrase) {
      leaving.setError({ code: 'INVALID_INPUT', message: 'Enter the station’s passphrase.' })
      return
    }
    const result = await leaving.run((kiln) => kiln.deskLeave({ passphrase }))
    setPassphrase('')
    if (result?.ok) onLeft(result.value)
  }

  const close = (): void => {
    setPassphrase('')
    leaving.setError(null)
    onClose()
  }

  return (
    <ModalDialog
      title="Leave desk mode"
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) close()
      }}
    >
      <Form onSubmit={(event) => void leave(event)} className="form">
        <p>
          Only the passphrase holder can leave desk mode. Settings, keys, backups, revoking and
          exports open again.
        </p>
        <FormTextField
          name="passphrase"
          label="Station passphrase"
          type="password"
          autoComplete="current-password"
          isRequired
          autoFocus
          value={passphrase}
          onChange={setPassphrase}
        />
        <ErrorAlert error={leaving.error} />
        <div className="form-actions">
          <Button type="submit" className="button button-primary" isDisabled={leaving.busy}>
            Leave desk mode
          </Button>
          <Button className="button" onPress={close}>
            Cancel
          </Button>
          <BusyStatus busy={leaving.busy}>Checking the passphrase…</BusyStatus>
        </div>
      </Form>
    </ModalDialog>
  )
}
