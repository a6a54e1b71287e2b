import type { ReactElement } from 'react'
import type { KilnApi } from '../../../../shared/api.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import type { SectionProps } from '../section-props.js'
import { ProfileSection } from './profile-section.js'

const NOT_SET = 'Not set'

const loadInfo = (kiln: KilnApi): ReturnType<KilnApi['appInfo']> => kiln.appInfo({})

/** The station's identity and key as verifiers see them, and the profile editor. */
export function IdentitySection({ status, onStatus }: SectionProps): ReactElement {
  const info = useKilnQuery(loadInfo, 'station')
  const rows: ReadonlyArray<readonly [string, string | undefined, boolean?]> = [
    ['Issuer name', status.issuer?.name],
    ['Issuer website', status.issuer?.url],
    ['Contact e-mail', status.issuer?.email],
    ['Issuer DID', status.issuer?.id, true],
    ['Badge site URL', status.siteUrl],
    ['Key fingerprint', status.key?.fingerprint, true],
    ['Verification method', status.key?.verificationMethod, true],
    ['Station id', status.stationId, true],
    ['Data folder', status.dataDir, true],
    ['Log file', info.phase === 'ready' ? info.value.logFile : undefined, true]
  ]
  return (
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
      <ProfileSection status={status} onStatus={onStatus} />
    </section>
  )
}
