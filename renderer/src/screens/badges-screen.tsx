import type { ReactElement } from 'react'
import { kiln } from '../api/client.js'
import { ErrorAlert } from '../components/error-alert.js'
import { ScreenHeading } from '../components/screen-heading.js'
import { useKilnQuery } from '../hooks/use-kiln-query.js'

const STATUS_LABEL = { draft: 'Draft', published: 'Published', archived: 'Archived' } as const

const loadBadges = () => kiln.badgesList({})

/** Every badge definition with its status and how often it was awarded. */
export function BadgesScreen(): ReactElement {
  const query = useKilnQuery(loadBadges, 'badges')
  return (
    <>
      <ScreenHeading>Badges</ScreenHeading>
      {query.phase === 'loading' ? <p role="status">Loading badges…</p> : null}
      {query.phase === 'failed' ? <ErrorAlert error={query.error} /> : null}
      {query.phase === 'ready' && query.value.badges.length === 0 ? (
        <p className="empty-state">
          No badges yet. Badges you create appear here with their status (draft, published or
          archived).
        </p>
      ) : null}
      {query.phase === 'ready' && query.value.badges.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Badges</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col" className="numeric">
                Awards
              </th>
            </tr>
          </thead>
          <tbody>
            {query.value.badges.map((badge) => (
              <tr key={badge.id}>
                <th scope="row">{badge.content.name}</th>
                <td>
                  <span className={`status status-${badge.status}`}>
                    {STATUS_LABEL[badge.status]}
                  </span>
                </td>
                <td className="numeric">{badge.awardCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  )
}
