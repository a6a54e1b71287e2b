import { Suspense, useEffect, useMemo, useState, type ReactElement } from 'react'
import type { StationStatus } from '../../../shared/types.js'
import { ScreenErrorBoundary } from '../components/screen-error-boundary.js'
import { readSession, writeSession } from '../components/use-session-value.js'
import { ShortcutProvider, useShortcut } from '../shortcuts/shortcut-provider.js'
import { prefetchScreens, SECTION_SCREENS } from './section-screens.js'
import {
  allowedSection,
  initialSection,
  sectionForShortcut,
  SECTIONS,
  visibleSections,
  type SectionId
} from './sections.js'
import { ShellTools } from './shell/shell-tools.js'
import { OutboxNote } from './outbox/outbox-note.js'
import { NavigationProvider, type Place } from './navigation.js'
import { DeskProvider } from './desk/desk-context.js'
import { DeskBanner } from './desk/desk-banner.js'

type AppShellProps = Readonly<{ status: StationStatus; onStatus: (status: StationStatus) => void }>

const SECTION_KEY = 'kiln.section'

/**
 * The unlocked station: the main navigation and the current section. In desk mode
 * (status.desk) only the desk's sections, under a band naming the operator.
 */
export function AppShell(props: AppShellProps): ReactElement {
  const shell = (
    <ShortcutProvider>
      <Shell {...props} />
    </ShortcutProvider>
  )
  return props.status.desk ? <DeskProvider desk={props.status.desk}>{shell}</DeskProvider> : shell
}

function Shell({ status, onStatus }: AppShellProps): ReactElement {
  const desk = status.desk !== undefined
  const sections = visibleSections(desk)
  const [chosen, setSectionState] = useState<SectionId>(() =>
    initialSection(readSession(SECTION_KEY), status.counts.badges, desk)
  )
  // Desk mode may start while another section is open: the desk opens instead.
  const section = allowedSection(chosen, desk) ?? 'award'
  // Where a link inside a screen sent the person (null after the menu or a shortcut).
  const [arrived, setArrived] = useState<Place | null>(null)
  const setSection = (id: SectionId): void => {
    setSectionState(id)
    setArrived(null)
    writeSession(SECTION_KEY, id)
  }
  const navigation = useMemo(
    () => ({
      go: (place: Place) => {
        // In desk mode a link to a closed section (Settings, Badges…) goes nowhere.
        if (!allowedSection(place.section, desk)) return
        setSectionState(place.section)
        setArrived(place)
        writeSession(SECTION_KEY, place.section)
      },
      arrived
    }),
    [arrived, desk]
  )

  useShortcut('section', (event) => {
    const target = sectionForShortcut(event, sections)
    if (target) setSection(target)
  })

  useEffect(() => {
    // The current screen is painted; fetch the others while the person reads it.
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200))
    idle(prefetchScreens)
  }, [])

  const Screen = SECTION_SCREENS[section]
  const label = SECTIONS.find((s) => s.id === section)?.label ?? ''
  return (
    <div className={desk ? 'shell shell-desk' : 'shell'}>
      <header className="shell-header">
        <span className="brand">Kiln</span>
        {status.issuer ? <span className="shell-issuer">{status.issuer.name}</span> : null}
        {desk ? null : <OutboxNote />}
        <ShellTools desk={desk} />
      </header>
      {desk ? <DeskBanner onStatus={onStatus} /> : null}
      <nav aria-label="Main" className="shell-nav">
        <ul>
          {sections.map((item, index) => (
            <li key={item.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={section === item.id ? 'page' : undefined}
                aria-keyshortcuts={index < 9 ? `Alt+${index + 1}` : undefined}
                onClick={() => setSection(item.id)}
              >
                {item.label}
                {index < 9 ? (
                  <kbd className="nav-shortcut" aria-hidden="true">
                    Alt {index + 1}
                  </kbd>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="shell-main">
        <NavigationProvider value={navigation}>
          <ScreenErrorBoundary key={section}>
            <Suspense
              fallback={
                <p role="status" className="screen-loading">
                  Opening {label}…
                </p>
              }
            >
              <Screen status={status} onStatus={onStatus} />
            </Suspense>
          </ScreenErrorBoundary>
        </NavigationProvider>
      </main>
    </div>
  )
}
