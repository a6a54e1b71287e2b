import { useState, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import type { KilnError } from '../../../shared/result.js'
import type { StationStatus } from '../../../shared/types.js'
import { kiln } from '../api/client.js'
import { BusyStatus } from '../components/busy-status.js'
import { ErrorAlert } from '../components/error-alert.js'
import { ScreenHeading } from '../components/screen-heading.js'

type SettingsScreenProps = Readonly<{
  status: StationStatus
  onLocked: (status: StationStatus) => void
}>

const NOT_SET = 'Not set'

/** The station's identity and key, as verifiers will see them, and the lock. */
export function SettingsScreen({ status, onLocked }: SettingsScreenProps): ReactElement {
  const [error, setError] = useState<KilnError | null>(null)
  const [pending, setPending] = useState(false)

  async function lock(): Promise<void> {
    if (pending) return
    setPending(true)
    const result = await kiln.stationLock({})
    setPending(false)
    if (result.ok) onLocked(result.value)
    else setError(result.error)
  }

  const rows: ReadonlyArray<readonly [string, string | undefined, boolean?]> = [
    ['Issuer name', status.issuer?.name],
    ['Issuer website', status.issuer?.url],
    ['Contact e-mail', status.issuer?.email],
    ['Issuer DID', status.issuer?.id, true],
    ['Badge site URL', status.siteUrl],
    ['Key fingerprint', status.key?.fingerprint, true],
    ['Verification method', status.key?.verificationMethod, true],
    ['Data folder', status.dataDir, true]
  ]

  return (
    <>
      <ScreenHeading>Settings</ScreenHeading>
      <section aria-labelledby="settings-identity">
        <h2 id="settings-identity">Issuer and key</h2>
        <dl className="details">
          {rows.map(([label, value, code]) => {
            const termId = `settings-term-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`
            return (
              <div key={label} className="details-row">
                <dt id={termId}>{label}</dt>
                {/* Named by its term, so the value can be found by its label. */}
                <dd aria-labelledby={termId}>
                  {value ? code ? <code>{value}</code> : value : NOT_SET}
                </dd>
              </div>
            )
          })}
        </dl>
      </section>
      <section aria-labelledby="settings-lock">
        <h2 id="settings-lock">Lock</h2>
        <p>Locking forgets the unlocked key; signing needs the passphrase again.</p>
        <ErrorAlert error={error} />
        <div className="form-actions">
          <Button className="button" onPress={() => void lock()}>
            Lock station
          </Button>
          <BusyStatus busy={pending}>Locking…</BusyStatus>
        </div>
      </section>
    </>
  )
}
