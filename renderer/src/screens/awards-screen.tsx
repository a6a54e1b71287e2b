import type { ReactElement } from 'react'
import { kiln } from '../api/client.js'
import { ErrorAlert } from '../components/error-alert.js'
import { ScreenHeading } from '../components/screen-heading.js'
import { useKilnQuery } from '../hooks/use-kiln-query.js'

const STATUS_LABEL = {
  active: 'Active',
  expiring: 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked'
} as const

const loadAwards = () => kiln.awardsList({})
const loadBadges = () => kiln.badgesList({})
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

function formatDate(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
}

/** Every award issued by this station, newest first. */
export function AwardsScreen(): ReactElement {
  const awards = useKilnQuery(loadAwards, 'awards')
  const badges = useKilnQuery(loadBadges, 'badges')
  const badgeNames = new Map(
    badges.phase === 'ready' ? badges.value.badges.map((b) => [b.id, b.content.name] as const) : []
  )
  return (
    <>
      <ScreenHeading>Awards</ScreenHeading>
      {awards.phase === 'loading' ? <p role="status">Loading awards…</p> : null}
      {awards.phase === 'failed' ? <ErrorAlert error={awards.error} /> : null}
      {awards.phase === 'ready' && awards.value.awards.length === 0 ? (
        <p className="empty-state">
          No awards yet. Every badge this station awards appears here, with its recipient and
          status.
        </p>
      ) : null}
      {awards.phase === 'ready' && awards.value.awards.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Awards</caption>
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Badge</th>
              <th scope="col">Awarded</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {[...awards.value.awards]
              .sort((a, b) => b.awardedDate.localeCompare(a.awardedDate))
              .map((award) => (
                <tr key={award.id}>
                  <th scope="row">{award.recipientName}</th>
                  <td>{badgeNames.get(award.badgeId) ?? award.badgeId}</td>
                  <td>{formatDate(award.awardedDate)}</td>
                  <td>
                    <span className={`status status-${award.status}`}>
                      {STATUS_LABEL[award.status]}
                    </span>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
    </>
  )
}
