import { Award, BadgeCheck, Globe, Merge, Pencil, Upload } from 'lucide-react'
import { useCallback, useState, type ReactElement } from 'react'
import { Input, Label, SearchField } from 'react-aria-components'
import type { Recipient } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { EmptyState } from '../../components/empty-state.js'
import { useNavigate } from '../navigation.js'
import { formatCount } from '../../components/format.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { useDebounced } from '../../hooks/use-debounced.js'
import { useKilnQuery, type Domain } from '../../hooks/use-kiln-query.js'
import { AwardSelectedDialog } from './award-selected-dialog.js'
import { EditRecipientDialog } from './edit-recipient-dialog.js'
import { ImportRoster } from './import-roster.js'
import { MergeDialog } from './merge-dialog.js'
import { ShowcaseDialog } from './showcase-dialog.js'
import { RecipientDetailDialog } from './recipient-detail-dialog.js'
import '../../components/awarding.css'
import './recipients.css'

const LIMIT = 500

/** The book changes with imports and edits, and award counts with awards. */
const DOMAINS: readonly Domain[] = ['recipients', 'awards']

/**
 * The recipient book: search, import a roster, edit one person, merge duplicates, award a badge
 * to the selected people.
 */
export function RecipientsScreen(): ReactElement {
  const [query, setQuery] = useState('')
  const go = useNavigate()
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [editing, setEditing] = useState<Recipient | null>(null)
  const [showcasing, setShowcasing] = useState<Recipient | null>(null)
  const [viewing, setViewing] = useState<Recipient | null>(null)
  const [merging, setMerging] = useState(false)
  const [awarding, setAwarding] = useState(false)
  const [importing, setImporting] = useState(false)
  const needle = useDebounced(query.trim(), 120)
  const load = useCallback(
    (kiln: KilnApi) => kiln.recipientsList({ ...(needle ? { query: needle } : {}), limit: LIMIT }),
    [needle]
  )
  const book = useKilnQuery(load, DOMAINS)
  const refresh = book.reload
  const listing = book.phase === 'ready' ? book.value : null
  const error = book.phase === 'failed' ? book.error : null

  const people = listing?.recipients ?? []
  const chosen = people.filter((p) => selected.has(p.id))

  function toggle(id: string, on: boolean): void {
    setSelected((old) => {
      const next = new Set(old)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  }

  return (
    <div className="awarding recipients-screen screen-fill">
      <ScreenHeading>Recipients</ScreenHeading>
      <div className="toolbar">
        <SearchField className="field" value={query} onChange={setQuery}>
          <Label className="field-label">Search people</Label>
          <Input className="field-input" placeholder="Name, e-mail or member id" />
        </SearchField>
        <button
          type="button"
          className="button button-primary"
          disabled={chosen.length === 0}
          onClick={() => setAwarding(true)}
        >
          <Award aria-hidden="true" size={16} />
          {chosen.length > 0
            ? `Award a badge to ${formatCount(chosen.length)} selected`
            : 'Award a badge to the selected'}
        </button>
        <button
          type="button"
          className="button"
          disabled={chosen.length < 2}
          onClick={() => setMerging(true)}
        >
          <Merge aria-hidden="true" size={16} /> Merge
          {chosen.length >= 2 ? ` ${chosen.length}` : ''}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setImporting(true)}
          disabled={importing}
        >
          <Upload aria-hidden="true" size={16} /> Import roster from CSV
        </button>
        <p className="awards-count" role="status">
          {listing
            ? `${formatCount(listing.total)} ${listing.total === 1 ? 'person' : 'people'}`
            : 'Loading…'}
        </p>
      </div>
      <ErrorAlert error={error} />
      {importing ? (
        <ImportRoster
          onClose={() => {
            setImporting(false)
            refresh()
          }}
        />
      ) : null}
      {listing && listing.total === 0 ? (
        query ? (
          <EmptyState
            actions={
              <button type="button" className="button" onClick={() => setQuery('')}>
                Clear the search
              </button>
            }
          >
            Nobody matches “{query}”.
          </EmptyState>
        ) : (
          <EmptyState
            actions={
              <>
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => setImporting(true)}
                >
                  Import your roster
                </button>
                <button type="button" className="button" onClick={() => go({ section: 'award' })}>
                  Award someone at the desk
                </button>
              </>
            }
          >
            Nobody yet. Import your members or attendees from a spreadsheet, or award someone at the
            desk: they join the recipient book with their first badge.
          </EmptyState>
        )
      ) : null}
      {people.length > 0 ? (
        <div className="recipients-table fill-table">
          <table className="table">
            <caption className="visually-hidden">Recipients</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Selected</span>
                </th>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Member id</th>
                <th scope="col" className="numeric">
                  Awards
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} className={selected.has(p.id) ? 'row-selected' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      className="checkbox"
                      aria-label={`Select ${p.name}`}
                      checked={selected.has(p.id)}
                      onChange={(event) => toggle(p.id, event.target.checked)}
                    />
                  </td>
                  <th scope="row">{p.name}</th>
                  <td>
                    {p.email}
                    {p.emails.length > 1 ? (
                      <span className="muted"> (+{p.emails.length - 1} merged)</span>
                    ) : null}
                  </td>
                  <td>{p.memberId ?? ''}</td>
                  <td className="numeric">{p.awardCount}</td>
                  <td>
                    <div className="recipient-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Details of ${p.name}`}
                        onClick={() => setViewing(p)}
                      >
                        <BadgeCheck aria-hidden="true" size={14} /> Details
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Edit ${p.name}`}
                        onClick={() => setEditing(p)}
                      >
                        <Pencil aria-hidden="true" size={14} /> Edit
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Badge page of ${p.name}`}
                        onClick={() => setShowcasing(p)}
                      >
                        <Globe aria-hidden="true" size={14} /> Badge page
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {listing && listing.total > people.length ? (
        <p className="muted">
          Showing {formatCount(people.length)} of {formatCount(listing.total)}; search to narrow the
          list.
        </p>
      ) : null}
      {editing ? (
        <EditRecipientDialog
          recipient={editing}
          onClose={() => {
            setEditing(null)
            refresh()
          }}
        />
      ) : null}
      {showcasing ? (
        <ShowcaseDialog recipient={showcasing} onClose={() => setShowcasing(null)} />
      ) : null}
      {viewing ? (
        <RecipientDetailDialog recipient={viewing} onClose={() => setViewing(null)} />
      ) : null}
      {awarding ? <AwardSelectedDialog people={chosen} onClose={() => setAwarding(false)} /> : null}
      {merging ? (
        <MergeDialog
          people={chosen}
          onClose={(merged) => {
            setMerging(false)
            if (merged) setSelected(new Set())
            refresh()
          }}
        />
      ) : null}
    </div>
  )
}
