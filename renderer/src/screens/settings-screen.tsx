import { useState, type ReactElement } from 'react'
import { Button, Switch } from 'react-aria-components'
import type { KilnError } from '../../../shared/result.js'
import type { StationStatus } from '../../../shared/types.js'
import { kiln } from '../api/client.js'
import { BusyStatus } from '../components/busy-status.js'
import { ErrorAlert } from '../components/error-alert.js'
import { ScreenHeading } from '../components/screen-heading.js'
import '../components/awarding.css'
import { BackupSection } from './settings/backup-section.js'
import { KeysSection } from './settings/keys-section.js'
import { useLargeType } from './settings/large-type.js'
import { ProfileSection } from './settings/profile-section.js'
import { SiteSection } from './settings/site-section.js'
import './settings/settings.css'

type SettingsScreenProps = Readonly<{
  status: StationStatus
  onLocked: (status: StationStatus) => void
  /** A changed profile or key (defaults to onLocked, which adopts any new status). */
  onStatus?: (status: StationStatus) => void
}>

const NOT_SET = 'Not set'

/** The station's identity and keys as verifiers see them, backups, display, and the lock. */
export function SettingsScreen({ status, onLocked, onStatus }: SettingsScreenProps): ReactElement {
  const [error, setError] = useState<KilnError | null>(null)
  const [pending, setPending] = useState(false)
  const [largeType, setLargeType] = useLargeType()
  const adopt = onStatus ?? onLocked

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
    ['Station id', status.stationId, true],
    ['Data folder', status.dataDir, true]
  ]

  return (
    <div className="awarding settings">
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
        <ProfileSection status={status} onStatus={adopt} />
      </section>
      <KeysSection status={status} onStatus={adopt} />
      <SiteSection />
      <BackupSection />
      <section aria-labelledby="settings-display">
        <h2 id="settings-display">Display</h2>
        <Switch className="switch" isSelected={largeType} onChange={setLargeType}>
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          Large type (for a kiosk or a desk seen from a step away)
        </Switch>
        <p className="settings-hint">
          Kept in this browser or app on this computer; the station’s data is not changed. The theme
          (light or dark) follows the system setting.
        </p>
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
    </div>
  )
}
