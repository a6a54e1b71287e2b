import { useEffect, useState, type ReactElement } from 'react'
import type { StationStatus } from '../../../shared/types.js'
import { AnalyticsScreen } from './analytics/analytics-screen.js'
import { AuditScreen } from './audit/audit-screen.js'
import { AwardScreen } from './award/award-screen.js'
import { AwardsScreen } from './awards/awards-screen.js'
import { BadgesScreen } from './badges/badges-screen.js'
import { CertificatesPanel } from './certificates/certificates-panel.js'
import { RecipientsScreen } from './recipients/recipients-screen.js'
import { RulesScreen } from './rules/rules-screen.js'
import { sectionForShortcut, SECTIONS, type SectionId } from './sections.js'
import { SettingsScreen } from './settings-screen.js'
import { ShellTools } from './shell/shell-tools.js'
import { ScreenErrorBoundary } from '../App.js'
import { SyncScreen } from './sync/sync-screen.js'
import { OutboxScreen } from './outbox/outbox-screen.js'
import { OutboxNote } from './outbox/outbox-note.js'

type AppShellProps = Readonly<{ status: StationStatus; onStatus: (status: StationStatus) => void }>

/** The unlocked station: the main navigation and the current section. */
export function AppShell({ status, onStatus }: AppShellProps): ReactElement {
  const [section, setSection] = useState<SectionId>('badges')

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const target = sectionForShortcut(event)
      if (!target) return
      event.preventDefault()
      setSection(target)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

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
        <ScreenErrorBoundary key={section}>
          <Section id={section} status={status} onStatus={onStatus} />
        </ScreenErrorBoundary>
      </main>
    </div>
  )
}

type SectionProps = Readonly<{
  id: SectionId
  status: StationStatus
  onStatus: (status: StationStatus) => void
}>

function Section({ id, status, onStatus }: SectionProps): ReactElement {
  switch (id) {
    case 'badges':
      return <BadgesScreen />
    case 'awards':
      return (
        <>
          <AwardsScreen />
          <CertificatesPanel />
        </>
      )
    case 'settings':
      return <SettingsScreen status={status} onLocked={onStatus} />
    case 'award':
      return <AwardScreen status={status} />
    case 'recipients':
      return <RecipientsScreen />
    case 'rules':
      return <RulesScreen />
    case 'analytics':
      return <AnalyticsScreen />
    case 'audit':
      return <AuditScreen />
    case 'sync':
      return <SyncScreen />
    case 'outbox':
      return <OutboxScreen />
  }
}
