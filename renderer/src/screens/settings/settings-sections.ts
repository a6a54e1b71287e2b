/**
 * The Settings screen's sections, in order. A new area of settings (publish targets, e-mail…) is
 * one component taking SectionProps and one line here; the screen itself does not change.
 */
import type { ComponentType } from 'react'
import type { SectionProps } from '../section-props.js'
import { BackupSection } from './backup-section.js'
import { DeskSection } from './desk-section.js'
import { DisplaySection } from './display-section.js'
import { EmailSection } from './email-section.js'
import { IdentitySection } from './identity-section.js'
import { KeysSection } from './keys-section.js'
import { LockSection } from './lock-section.js'
import { PublishSection } from './publish-section.js'
import { SiteSection } from './site-section.js'

export type SettingsSection = Readonly<{
  id: string
  /** The section's name in the list at the top of Settings. */
  label: string
  /** The id of the section's heading (where that list and links from other screens lead). */
  heading: string
  Component: ComponentType<SectionProps>
}>

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'identity', label: 'Issuer', heading: 'settings-identity', Component: IdentitySection },
  { id: 'keys', label: 'Signing keys', heading: 'settings-keys', Component: KeysSection },
  { id: 'email', label: 'E-mail', heading: 'settings-email', Component: EmailSection },
  { id: 'backups', label: 'Backups', heading: 'settings-backup', Component: BackupSection },
  { id: 'site', label: 'Badge site', heading: 'settings-site', Component: SiteSection },
  { id: 'publish', label: 'Publish', heading: 'settings-publish', Component: PublishSection },
  { id: 'display', label: 'Display', heading: 'settings-display', Component: DisplaySection },
  { id: 'desk', label: 'Desk mode', heading: 'settings-desk', Component: DeskSection },
  { id: 'lock', label: 'Lock', heading: 'settings-lock', Component: LockSection }
]
