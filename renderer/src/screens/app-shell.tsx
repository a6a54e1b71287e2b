import { Suspense, useEffect, useMemo, useState, type ReactElement } from 'react'
import type { StationStatus } from '../../../shared/types.js'
import { ScreenErrorBoundary } from '../components/screen-error-boundary.js'
import { readSession, writeSession } from '../components/use-session-value.js'
import { ShortcutProvider, useShortcut } from '../shortcuts/shortcut-provider.js'
import { prefetchScreens, SECTION_SCREENS } from './section-screens.js'
import { initialSection, sectionForShortcut, SECTIONS, type SectionId } from './sections.js'
import { ShellTools } from './shell/shell-tools.js'
import { OutboxNote } from './outbox/outbox-note.js'
import { NavigationProvider, type Place } from './navigation.js'

type AppShellProps = Readonly<{ status: StationStatus; onStatus: (status: StationStatus) => void }>

const SECTION_KEY = 'kiln.section'

/** The unlocked station: the main navigation and the current section. */
export function AppShell(props: AppShellProps): ReactElement {
  return (
    <ShortcutProvider>
      <Shell {...props} />
    </ShortcutProvider>
  )
}

function Shell({ status, onStatus }: AppShellProps): ReactElement {
  const [section, setSectionState] = useState<SectionId>(() =>
    initialSection(readSession(SECTION_KEY), status.counts.badges)
  )
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
        setSectionState(place.section)
        setArrived(place)
        writeSession(SECTION_KEY, place.section)
      },
      arrived
    }),
    [arrived]
  )

  useShortcut('section', (event) => {
    const target = sectionForShortcut(event)
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
    <div className="shell">
      <header className="shell-header">
        <span className="brand">Kiln</span>
        {status.issuer ? <span className="shell-issuer">{status.issuer.name}</span> : null}
        <OutboxNote />
        <ShellTools />
      </header>
      <nav aria-label="Main" className="shell-nav">
        <ul>
          {SECTIONS.map((item, index) => (
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
