import type { ReactElement } from 'react'
import { ScreenHeading } from '../components/screen-heading.js'
import '../components/awarding.css'
import type { SectionProps } from './section-props.js'
import { useScrollToPart } from './navigation.js'
import { SETTINGS_SECTIONS } from './settings/settings-sections.js'
import './settings/settings.css'

/** The station's identity and keys as verifiers see them, backups, display, and the lock. */
export function SettingsScreen(props: SectionProps): ReactElement {
  // "Set up publishing" and the like open Settings at that part.
  useScrollToPart('settings', true)
  return (
    <div className="awarding settings">
      <ScreenHeading>Settings</ScreenHeading>
      {SETTINGS_SECTIONS.map(({ id, Component }) => (
        <Component key={id} {...props} />
      ))}
    </div>
  )
}
