import type { ReactElement } from 'react'
import { Button } from 'react-aria-components'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useMutation } from '../../hooks/use-mutation.js'
import type { SectionProps } from '../section-props.js'

/** Locking forgets the unlocked key. */
export function LockSection({ onStatus }: SectionProps): ReactElement {
  const locking = useMutation()

  async function lock(): Promise<void> {
    const result = await locking.run((kiln) => kiln.stationLock({}))
    if (result?.ok) onStatus(result.value)
  }

  return (
    <section aria-labelledby="settings-lock">
      <h2 id="settings-lock">Lock</h2>
      <p>Locking forgets the unlocked key; signing needs the passphrase again.</p>
      <ErrorAlert error={locking.error} />
      <div className="form-actions">
        <Button className="button" onPress={() => void lock()}>
          Lock station
        </Button>
        <BusyStatus busy={locking.busy}>Locking…</BusyStatus>
      </div>
    </section>
  )
}
