/**
 * Search, filter and sort for the badge catalog: pure functions over the listed badges, cheap
 * enough to run on every keystroke for thousands of badges (the search text is prepared once).
 */
import type { Badge, BadgeStatus } from '../../../../shared/types.js'

export const SORT_OPTIONS = [
  { id: 'name', label: 'Name (A–Z)' },
  { id: 'created', label: 'Newest first' },
  { id: 'lastAwarded', label: 'Last awarded' },
  { id: 'awards', label: 'Most awarded' }
] as const

export type SortKey = (typeof SORT_OPTIONS)[number]['id']

export type CatalogFilters = Readonly<{
  query: string
  sort: SortKey
  status: BadgeStatus | 'all'
  tag: string
  type: string
}>

export const ALL = 'all'

export const INITIAL_FILTERS: CatalogFilters = {
  query: '',
  sort: 'name',
  status: ALL,
  tag: ALL,
  type: ALL
}

export type IndexedBadge = Readonly<{ badge: Badge; text: string }>

/** Prepares each badge's searchable text (name, description, tags) once per list. */
export function indexBadges(badges: readonly Badge[]): IndexedBadge[] {
  return badges.map((badge) => ({
    badge,
    text: [badge.content.name, badge.content.description, ...badge.content.tags]
      .join('\n')
      .toLocaleLowerCase()
  }))
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function compare(sort: SortKey): (a: Badge, b: Badge) => number {
  const byName = (a: Badge, b: Badge) => collator.compare(a.content.name, b.content.name)
  switch (sort) {
    case 'name':
      return byName
    case 'created':
      return (a, b) => b.createdAt.localeCompare(a.createdAt) || byName(a, b)
    case 'lastAwarded':
      // Never-awarded badges go last.
      return (a, b) => (b.lastAwardedAt ?? '').localeCompare(a.lastAwardedAt ?? '') || byName(a, b)
    case 'awards':
      return (a, b) => b.awardCount - a.awardCount || byName(a, b)
  }
}

/** The badges that match every filter, in the chosen order. All words of the query must match. */
export function filterBadges(index: readonly IndexedBadge[], filters: CatalogFilters): Badge[] {
  const words = filters.query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  const matches = index.filter(({ badge, text }) => {
    if (filters.status !== ALL && badge.status !== filters.status) return false
    if (filters.type !== ALL && badge.content.achievementType !== filters.type) return false
    if (filters.tag !== ALL && !badge.content.tags.includes(filters.tag)) return false
    return words.every((word) => text.includes(word))
  })
  return matches.map((m) => m.badge).sort(compare(filters.sort))
}

/** Distinct values of a badge field, sorted, for the filter menus. */
export function distinct(
  badges: readonly Badge[],
  pick: (badge: Badge) => readonly string[]
): string[] {
  const values = new Set<string>()
  for (const badge of badges) for (const value of pick(badge)) values.add(value)
  return [...values].sort(collator.compare)
}

/** "CertificateOfCompletion" → "Certificate of completion"; "ext:Foo" stays as is. */
export function achievementTypeLabel(type: string): string {
  if (type.startsWith('ext:')) return type
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ')
  return words.map((w, i) => (i === 0 ? w : w.toLowerCase())).join(' ')
}
