import type { ReactElement } from 'react'
import { ScreenHeading } from '../components/screen-heading.js'
import '../components/awarding.css'
import type { SectionProps } from './section-props.js'
import { useScrollToPart } from './navigation.js'
import { SETTINGS_SECTIONS } from './settings/settings-sections.js'
import './settings/settings.css'

/** Brings a section's heading into view and moves focus there (the list at the top). */
function jumpTo(heading: string): void {
  const target = document.getElementById(heading)
  if (!target) return
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.scrollIntoView({ block: 'start' })
  target.focus({ preventScroll: true })
}

/** The station's identity and keys as verifiers see them, e-mail, backups, publishing, display, the lock. */
export function SettingsScreen(props: SectionProps): ReactElement {
  // "Set up publishing" and the like open Settings at that part.
  useScrollToPart('settings', true)
  return (
    <div className="awarding settings">
      <ScreenHeading>Settings</ScreenHeading>
      <nav className="settings-index" aria-label="Settings sections">
        <ul>
          {SETTINGS_SECTIONS.map(({ id, label, heading }) => (
            <li key={id}>
              <button type="button" className="button button-small" onClick={() => jumpTo(heading)}>
                {label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {SETTINGS_SECTIONS.map(({ id, Component }) => (
        <Component key={id} {...props} />
      ))}
    </div>
  )
}
