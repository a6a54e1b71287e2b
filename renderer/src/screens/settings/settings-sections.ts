/**
 * The Settings screen's sections, in order. A new area of settings (publish targets, e-mail…) is
 * one component taking SectionProps and one line here; the screen itself does not change.
 */
import type { ComponentType } from 'react'
import type { SectionProps } from '../section-props.js'
import { BackupSection } from './backup-section.js'
import { DisplaySection } from './display-section.js'
import { EmailSection } from './email-section.js'
import { IdentitySection } from './identity-section.js'
import { KeysSection } from './keys-section.js'
import { LockSection } from './lock-section.js'
import { PublishSection } from './publish-section.js'
import { SiteSection } from './site-section.js'

export type SettingsSection = Readonly<{ id: string; Component: ComponentType<SectionProps> }>

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'identity', Component: IdentitySection },
  { id: 'keys', Component: KeysSection },
  { id: 'email', Component: EmailSection },
  { id: 'backups', Component: BackupSection },
  { id: 'site', Component: SiteSection },
  { id: 'publish', Component: PublishSection },
  { id: 'display', Component: DisplaySection },
  { id: 'lock', Component: LockSection }
]
