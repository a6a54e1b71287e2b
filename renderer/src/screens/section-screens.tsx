/**
 * Each section's screen, one chunk per screen (React.lazy), except the award desk, which is in
 * the first chunk so it paints at once. After the first paint the other chunks are fetched in
 * idle time, so switching sections later never waits.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { SectionProps } from './section-props.js'
import type { SectionId } from './sections.js'
import { AwardScreen } from './award/award-screen.js'

type Loader = () => Promise<{ default: ComponentType<SectionProps> }>

const LOADERS: Readonly<Record<Exclude<SectionId, 'award'>, Loader>> = {
  badges: () => import('./badges/badges-screen.js').then((m) => ({ default: m.BadgesScreen })),
  recipients: () =>
    import('./recipients/recipients-screen.js').then((m) => ({ default: m.RecipientsScreen })),
  awards: () => import('./awards/awards-section.js').then((m) => ({ default: m.AwardsSection })),
  rules: () => import('./rules/rules-screen.js').then((m) => ({ default: m.RulesScreen })),
  analytics: () =>
    import('./analytics/analytics-screen.js').then((m) => ({ default: m.AnalyticsScreen })),
  sync: () => import('./sync/sync-screen.js').then((m) => ({ default: m.SyncScreen })),
  settings: () => import('./settings-screen.js').then((m) => ({ default: m.SettingsScreen })),
  audit: () => import('./audit/audit-screen.js').then((m) => ({ default: m.AuditScreen })),
  outbox: () => import('./outbox/outbox-screen.js').then((m) => ({ default: m.OutboxScreen }))
}

export const SECTION_SCREENS: Readonly<
  Record<SectionId, ComponentType<SectionProps> | LazyExoticComponent<ComponentType<SectionProps>>>
> = {
  award: AwardScreen,
  badges: lazy(LOADERS.badges),
  recipients: lazy(LOADERS.recipients),
  awards: lazy(LOADERS.awards),
  rules: lazy(LOADERS.rules),
  analytics: lazy(LOADERS.analytics),
  sync: lazy(LOADERS.sync),
  settings: lazy(LOADERS.settings),
  audit: lazy(LOADERS.audit),
  outbox: lazy(LOADERS.outbox)
}

/** Fetch every screen's chunk (after the first paint; a failure shows later, on that screen). */
export function prefetchScreens(): void {
  for (const load of Object.values(LOADERS)) void load().catch(() => undefined)
}
