import { useRef, useState, type FormEvent, type ReactElement } from 'react'
import { Button, Form, Input, Label, TextField } from 'react-aria-components'
import type { StationStatus } from '../../../shared/types.js'
import { BusyStatus } from '../components/busy-status.js'
import { ErrorAlert } from '../components/error-alert.js'
import { useMutation } from '../hooks/use-mutation.js'

type UnlockScreenProps = Readonly<{
  status: StationStatus
  onUnlocked: (status: StationStatus) => void
}>

/** The station's key is encrypted at rest; signing needs the passphrase. */
export function UnlockScreen({ status, onUnlocked }: UnlockScreenProps): ReactElement {
  const [passphrase, setPassphrase] = useState('')
  const unlock = useMutation()
  const { error } = unlock
  const inputRef = useRef<HTMLInputElement>(null)

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    const result = await unlock.run((kiln) => kiln.stationUnlock({ passphrase }))
    if (!result) return
    if (result.ok) {
      onUnlocked(result.value)
      return
    }
    inputRef.current?.focus()
    inputRef.current?.select()
  }

  return (
    <main className="page page-narrow" aria-labelledby="unlock-title">
      <h1 id="unlock-title" className="screen-heading">
        Unlock the station
      </h1>
      <p className="lead">
        {status.issuer ? `${status.issuer.name}: ` : ''}enter the passphrase that protects this
        station’s signing key.
      </p>
      {status.desk ? (
        <p>
          The station is in desk mode: once the passphrase holder unlocks it, the desk opens for{' '}
          {status.desk.operators.join(', ')}.
        </p>
      ) : null}
      <Form className="form" validationBehavior="aria" onSubmit={(event) => void submit(event)}>
        <TextField
          className="field"
          name="passphrase"
          type="password"
          autoComplete="current-password"
          isRequired
          autoFocus
          value={passphrase}
          onChange={setPassphrase}
          isInvalid={error?.code === 'WRONG_PASSPHRASE'}
        >
          <Label className="field-label">Passphrase</Label>
          <Input ref={inputRef} className="field-input" />
        </TextField>
        <ErrorAlert error={error} />
        <div className="form-actions">
          <Button type="submit" className="button button-primary">
            Unlock
          </Button>
          <BusyStatus busy={unlock.busy}>Unlocking…</BusyStatus>
        </div>
      </Form>
    </main>
  )
}
