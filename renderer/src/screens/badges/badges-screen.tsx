/**
 * The Badges section: the catalog, one badge's detail, and the designer (new or edit).
 * The catalog's search and filters survive a visit to a badge and back.
 */
import { useState, type ReactElement } from 'react'
import { BadgeCatalog } from './badge-catalog.js'
import { BadgeDesigner } from './badge-designer.js'
import { BadgeDetail } from './badge-detail.js'
import { INITIAL_FILTERS, type CatalogFilters } from './catalog-filter.js'
import { useArrival } from '../navigation.js'
import './badges.css'

type View =
  | Readonly<{ kind: 'catalog' }>
  | Readonly<{ kind: 'detail'; id: string; notice?: string }>
  | Readonly<{ kind: 'designer'; id?: string }>

export function BadgesScreen(): ReactElement {
  // "Design a badge" elsewhere opens the designer at once.
  const arrival = useArrival()
  const [view, setView] = useState<View>(
    arrival?.section === 'badges' && arrival.part === 'new'
      ? { kind: 'designer' }
      : { kind: 'catalog' }
  )
  const [filters, setFilters] = useState<CatalogFilters>(INITIAL_FILTERS)
  const toCatalog = () => setView({ kind: 'catalog' })

  switch (view.kind) {
    case 'catalog':
      return (
        <BadgeCatalog
          filters={filters}
          onFilters={setFilters}
          onOpen={(id) => setView({ kind: 'detail', id })}
          onNew={() => setView({ kind: 'designer' })}
        />
      )
    case 'detail':
      return (
        <BadgeDetail
          id={view.id}
          notice={view.notice}
          onBack={toCatalog}
          onEdit={() => setView({ kind: 'designer', id: view.id })}
        />
      )
    case 'designer':
      return (
        <BadgeDesigner
          id={view.id}
          onCancel={() => setView(view.id ? { kind: 'detail', id: view.id } : { kind: 'catalog' })}
          onSaved={(id, notice) => setView({ kind: 'detail', id, notice })}
        />
      )
  }
}
