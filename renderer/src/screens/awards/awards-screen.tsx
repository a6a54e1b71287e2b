import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { Input, Label, SearchField } from 'react-aria-components'
import type { KilnError } from '../../../../shared/result.js'
import type { Award, AwardStatus } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { useKiln } from '../../api/kiln-context.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { EmptyState, NoMatches } from '../../components/empty-state.js'
import { SelectField } from '../../components/select-field.js'
import { useNavigate } from '../navigation.js'
import { formatCount, formatDate } from '../../components/format.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { AwardRowActions, type AwardAction } from './award-row-actions.js'
import { awardState, AWARD_STATE_LABEL } from './award-status.js'
import { CredentialDialog, downloadAwardFile } from './credential-dialog.js'
import { ReissueDialog } from './reissue-dialog.js'
import { RevokeDialog } from './revoke-dialog.js'
import { useAwardPages } from './use-award-pages.js'
import { DeliveryStatus, useDeliveries } from '../outbox/delivery-status.js'
import '../../components/awarding.css'
import './awards.css'

const FILTERS: ReadonlyArray<readonly [AwardStatus | '', string]> = [
  ['', 'All'],
  ['active', 'Active'],
  ['expiring', 'Expiring within 30 days'],
  ['expired', 'Expired'],
  ['revoked', 'Revoked']
]

const ROW_HEIGHT = 56
const loadBadges = (kiln: KilnApi) => kiln.badgesList({})

type Open = Readonly<{ action: 'view' | 'revoke' | 'reissue'; award: Award }>

/** Every award, newest first: search, filter by status and badge, and act on one. */
export function AwardsScreen(): ReactElement {
  const kiln = useKiln()
  const go = useNavigate()
  const badges = useKilnQuery(loadBadges, 'badges')
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<AwardStatus | ''>('')
  const [badgeId, setBadgeId] = useState('')
  const [open, setOpen] = useState<Open | null>(null)
  const [error, setError] = useState<KilnError | null>(null)
  const pages = useAwardPages({ query, status, badgeId })
  const scrollRef = useRef<HTMLDivElement>(null)
  const total = pages.total ?? 0

  const badgeNames = new Map(
    badges.phase === 'ready' ? badges.value.badges.map((b) => [b.id, b.content.name] as const) : []
  )
  const nameOf = (id: string) => badgeNames.get(id) ?? id

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  const { ensure, at } = pages
  const deliveries = useDeliveries(items.map((item) => at(item.index)?.id ?? '').filter(Boolean))

  useEffect(() => {
    if (total > 0) ensure(first, last)
  }, [first, last, total, ensure, at])

  function act(award: Award, action: AwardAction): void {
    setError(null)
    if (action === 'png' || action === 'json' || action === 'pdf') {
      const kind = action === 'json' ? 'ob3' : action
      void downloadAwardFile(kiln, award, nameOf(award.badgeId), kind).then((result) =>
        setError(result.ok ? null : result.error)
      )
    } else {
      setOpen({ action, award })
    }
  }

  return (
    <div className="awards-screen fill">
      <div className="toolbar">
        <SearchField className="field" value={query} onChange={setQuery}>
          <Label className="field-label">Search awards</Label>
          <Input className="field-input" placeholder="Name, e-mail or badge" />
        </SearchField>
        <SelectField
          label="Status"
          value={status}
          onChange={setStatus}
          options={FILTERS.map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          label="Badge"
          value={badgeId}
          onChange={setBadgeId}
          options={[
            { value: '', label: 'All badges' },
            ...(badges.phase === 'ready'
              ? badges.value.badges.map((b) => ({ value: b.id, label: b.content.name }))
              : [])
          ]}
        />
        <p className="awards-count" role="status">
          {pages.total === null
            ? 'Loading…'
            : `${formatCount(total)} award${total === 1 ? '' : 's'}`}
        </p>
      </div>
      <ErrorAlert error={pages.error ?? error} />
      {pages.total === 0 ? (
        query || status || badgeId ? (
          <NoMatches
            onClear={() => {
              setQuery('')
              setStatus('')
              setBadgeId('')
            }}
          >
            No award matches this search.
          </NoMatches>
        ) : (
          <EmptyState
            actions={
              <button
                type="button"
                className="button button-primary"
                onClick={() => go({ section: 'award' })}
              >
                Award a badge
              </button>
            }
          >
            No awards yet. Every badge this station awards appears here, with its recipient and
            status.
          </EmptyState>
        )
      ) : null}
      {total > 0 ? (
        <div
          role="table"
          aria-label="Awards"
          aria-rowcount={total + 1}
          className="vtable fill-list"
          style={{ minHeight: `min(18.5rem, calc(2.5rem + ${total * ROW_HEIGHT + 2}px))` }}
        >
          <div role="rowgroup" className="vtable-head">
            <div role="row" aria-rowindex={1} className="vtable-row">
              <span role="columnheader">Recipient</span>
              <span role="columnheader">Badge</span>
              <span role="columnheader">Awarded</span>
              <span role="columnheader">Status</span>
              <span role="columnheader">
                <span className="visually-hidden">Actions</span>
              </span>
            </div>
          </div>
          <div
            role="rowgroup"
            ref={scrollRef}
            className="vtable-body"
            style={{ height: total * ROW_HEIGHT }}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const award = at(item.index)
                return (
                  <div
                    role="row"
                    aria-rowindex={item.index + 2}
                    key={item.key}
                    className="vtable-row"
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      right: 0,
                      height: item.size,
                      transform: `translateY(${item.start}px)`
                    }}
                  >
                    {award ? (
                      <>
                        <span role="rowheader" className="vtable-person">
                          <strong>{award.recipientName}</strong>
                          <span className="muted">{award.recipientEmail}</span>
                        </span>
                        <span role="cell">{nameOf(award.badgeId)}</span>
                        <span role="cell">{formatDate(award.awardedDate)}</span>
                        <span role="cell">
                          <span className={`status status-${award.status}`}>
                            {AWARD_STATE_LABEL[awardState(award)]}
                          </span>
                          <DeliveryStatus delivery={deliveries.get(award.id)} />
                        </span>
                        <span role="cell" className="vtable-actions">
                          <AwardRowActions
                            award={award}
                            onAction={(action) => act(award, action)}
                          />
                        </span>
                      </>
                    ) : (
                      <span role="cell" className="muted">
                        Loading…
                      </span>
                    )}
                  </div>
                )
              })}
            </div>
          </div>
        </div>
      ) : null}
      {open?.action === 'view' ? (
        <CredentialDialog
          award={open.award}
          badgeName={nameOf(open.award.badgeId)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open?.action === 'revoke' ? (
        <RevokeDialog
          award={open.award}
          badgeName={nameOf(open.award.badgeId)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open?.action === 'reissue' ? (
        <ReissueDialog
          award={open.award}
          badgeName={nameOf(open.award.badgeId)}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </div>
  )
}
