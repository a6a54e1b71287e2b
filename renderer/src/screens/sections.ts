/**
 * The app shell's sections, in navigation order; Alt+<n> opens the n-th one. Pure data: the
 * screens themselves are in section-screens.tsx (loaded on demand, one chunk per screen).
 */
export const SECTIONS = [
  { id: 'badges', label: 'Badges' },
  { id: 'award', label: 'Award' },
  { id: 'recipients', label: 'Recipients' },
  { id: 'awards', label: 'Awards' },
  { id: 'rules', label: 'Rules' },
  { id: 'analytics', label: 'Analytics' },
  { id: 'sync', label: 'Sync' },
  { id: 'settings', label: 'Settings' },
  { id: 'audit', label: 'Audit' },
  // Tenth: no Alt+digit shortcut (the first nine keep theirs).
  { id: 'outbox', label: 'Outbox' }
] as const

export type SectionId = (typeof SECTIONS)[number]['id']
export type Section = (typeof SECTIONS)[number]

/**
 * What desk mode shows (the core refuses everything else: main/core/desk/desk-access.ts): the
 * award desk (one person and batch) and the awards list with its certificates.
 */
export const DESK_SECTION_IDS: readonly SectionId[] = ['award', 'awards']

/** The sections the navigation shows: all of them, or the desk's in desk mode. */
export function visibleSections(desk: boolean): readonly Section[] {
  return desk ? SECTIONS.filter((s) => DESK_SECTION_IDS.includes(s.id)) : SECTIONS
}

export function isSectionId(value: unknown): value is SectionId {
  return SECTIONS.some((s) => s.id === value)
}

/** The section for an Alt+digit key press (by physical key, so keyboard layouts don't matter). */
export function sectionForShortcut(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
  sections: readonly Section[] = SECTIONS
): SectionId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null
  const match = /^Digit([1-9])$/.exec(event.code)
  if (!match?.[1]) return null
  return sections[Number(match[1]) - 1]?.id ?? null
}

/**
 * Where the shell opens: the section this tab showed last (a reload keeps it), else the award
 * desk once the station has badges, else Badges (a new station starts by designing one). In desk
 * mode only a desk section: a remembered Settings (or a hand-edited session) opens the desk.
 */
export function initialSection(
  remembered: string | null,
  badgeCount: number,
  desk = false
): SectionId {
  if (desk) return allowedSection(remembered, true) ?? 'award'
  if (isSectionId(remembered)) return remembered
  return badgeCount > 0 ? 'award' : 'badges'
}

/** The section if the navigation may open it now, else null. */
export function allowedSection(id: string | null, desk: boolean): SectionId | null {
  return visibleSections(desk).find((s) => s.id === id)?.id ?? null
}
