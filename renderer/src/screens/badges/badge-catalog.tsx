/**
 * The badge catalog: search as you type (name, description, tags), sort, filter by status, tag
 * and type, and a virtualised list that stays fast with thousands of badges.
 */
import { Plus } from 'lucide-react'
import { useMemo, type ReactElement } from 'react'
import { Button, Input, Label, SearchField } from 'react-aria-components'
import type { Badge } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { NoMatches } from '../../components/empty-state.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { SelectField } from '../../components/select-field.js'
import { VirtualListbox } from '../../components/virtual-listbox.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { BadgeImage } from './badge-image.js'
import {
  achievementTypeLabel,
  ALL,
  distinct,
  filterBadges,
  indexBadges,
  INITIAL_FILTERS,
  SORT_OPTIONS,
  type CatalogFilters,
  type SortKey
} from './catalog-filter.js'
import { STATUS_LABEL } from './labels.js'

const loadBadges = (kiln: KilnApi) => kiln.badgesList({})

type BadgeCatalogProps = Readonly<{
  filters: CatalogFilters
  onFilters: (filters: CatalogFilters) => void
  onOpen: (id: string) => void
  onNew: () => void
}>

export function BadgeCatalog(props: BadgeCatalogProps): ReactElement {
  const query = useKilnQuery(loadBadges, 'badges')
  return (
    <div className="badges-catalog screen-fill">
      <div className="badges-heading-row">
        <ScreenHeading>Badges</ScreenHeading>
        <Button className="button button-primary badges-button-icon" onPress={props.onNew}>
          <Plus aria-hidden="true" size={18} /> New badge
        </Button>
      </div>
      {query.phase === 'loading' ? <p role="status">Loading badges…</p> : null}
      {query.phase === 'failed' ? <ErrorAlert error={query.error} /> : null}
      {query.phase === 'ready' && query.value.badges.length === 0 ? (
        <div className="empty-state badges-empty">
          <p>
            No badges yet. Design your first badge: pick a shape and colours, say what it
            recognises, and publish it.
          </p>
          <Button className="button button-primary" onPress={props.onNew}>
            New badge
          </Button>
        </div>
      ) : null}
      {query.phase === 'ready' && query.value.badges.length > 0 ? (
        <CatalogList badges={query.value.badges} {...props} />
      ) : null}
    </div>
  )
}

type CatalogListProps = BadgeCatalogProps & Readonly<{ badges: readonly Badge[] }>

function CatalogList({ badges, filters, onFilters, onOpen }: CatalogListProps): ReactElement {
  const index = useMemo(() => indexBadges(badges), [badges])
  const shown = useMemo(() => filterBadges(index, filters), [index, filters])
  const tags = useMemo(() => distinct(badges, (b) => b.content.tags), [badges])
  const types = useMemo(() => distinct(badges, (b) => [b.content.achievementType]), [badges])
  const set = (patch: Partial<CatalogFilters>) => onFilters({ ...filters, ...patch })

  return (
    <>
      <div className="badges-toolbar" role="search" aria-label="Badges">
        <SearchField
          className="field badges-search"
          value={filters.query}
          onChange={(query) => set({ query })}
        >
          <Label className="field-label">Search badges</Label>
          <Input className="field-input" placeholder="Name, description or tag" />
        </SearchField>
        <SelectField
          label="Sort by"
          value={filters.sort}
          onChange={(sort) => set({ sort: toSortKey(sort) })}
          options={SORT_OPTIONS.map((o) => ({ value: o.id, label: o.label }))}
        />
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(status) => set({ status: toStatus(status) })}
          options={[
            { value: ALL, label: 'All statuses' },
            ...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))
          ]}
        />
        <SelectField
          label="Tag"
          value={filters.tag}
          onChange={(tag) => set({ tag })}
          options={[
            { value: ALL, label: 'All tags' },
            ...tags.map((t) => ({ value: t, label: t }))
          ]}
        />
        <SelectField
          label="Type"
          value={filters.type}
          onChange={(type) => set({ type })}
          options={[
            { value: ALL, label: 'All types' },
            ...types.map((t) => ({ value: t, label: achievementTypeLabel(t) }))
          ]}
        />
      </div>
      <p role="status" className="badges-count">
        {shown.length === badges.length
          ? `${badges.length} ${badges.length === 1 ? 'badge' : 'badges'}`
          : `${shown.length} of ${badges.length} badges match`}
      </p>
      {shown.length === 0 ? (
        <NoMatches onClear={() => onFilters(INITIAL_FILTERS)}>
          No badge matches. Try fewer words, or clear the search and filters.
        </NoMatches>
      ) : (
        <VirtualListbox
          label="Badges"
          items={shown}
          rowHeight={68}
          itemKey={(b) => b.id}
          onAction={(b) => onOpen(b.id)}
          renderItem={(badge) => <BadgeRow badge={badge} />}
          className="badges-list fill-list"
          fitRows
        />
      )}
    </>
  )
}

function BadgeRow({ badge }: Readonly<{ badge: Badge }>): ReactElement {
  return (
    <div className="badge-row">
      <BadgeImage badge={badge} size={48} decorative />
      <span className="badge-row-name">{badge.content.name}</span>
      <span className={`status status-${badge.status}`}>{STATUS_LABEL[badge.status]}</span>
      <span className="badge-row-awards">
        {badge.awardCount} {badge.awardCount === 1 ? 'award' : 'awards'}
      </span>
    </div>
  )
}

function toSortKey(value: string): SortKey {
  return SORT_OPTIONS.find((o) => o.id === value)?.id ?? 'name'
}

function toStatus(value: string): CatalogFilters['status'] {
  return value === 'draft' || value === 'published' || value === 'archived' ? value : ALL
}
