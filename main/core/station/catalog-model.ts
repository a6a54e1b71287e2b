/** What station.json (the lowdb catalog) holds. Small, edited by people, rewritten atomically. */
import type {
  BadgeContent,
  BadgeStatus,
  BadgeVersion,
  IssuerProfile
} from '../../../shared/types.js'
import type { Rule } from '../../../shared/rules-types.js'
import type { BackupSettings } from '../../../shared/methods/station.js'
import type { SealedSecrets } from '../keys/secrets.js'

export type StationKeyRecord = Readonly<{
  publicKeyMultibase: string
  verificationMethod: string
  createdAt: string
}>

export type BadgeRecord = {
  id: string
  status: BadgeStatus
  createdAt: string
  updatedAt: string
  content: BadgeContent
  versions: BadgeVersion[]
  /** Credential pages of public badges may be indexed; the default is noindex. */
  public?: boolean
}

export type StationCatalog = {
  format: 'kiln-station/1'
  stationId: string
  createdAt: string
  /** Normalised with a trailing slash. */
  siteUrl: string
  didMethod: 'web' | 'key'
  issuer: IssuerProfile
  keys: StationKeyRecord[]
  statusList: { url: string; lengthBits: number }
  badges: BadgeRecord[]
  /** Automatic awarding rules (absent in catalogs written before rules; loaded as []). */
  rules: Rule[]
  /**
   * Station settings (absent in older catalogs): where and how often to back up; e-mail delivery
   * (unknown here: delivery/mail-settings.ts parses it on every read); the badge site's
   * language, colours and logo (read through site/site-settings.ts).
   */
  settings?: { backup?: BackupSettings; mail?: unknown; site?: unknown }
  /**
   * Personal badge pages (read through site/personal-pages.ts): the random key their addresses
   * are derived from, and each recipient's showcase (order, hidden awards).
   */
  personalPages?: unknown
  /**
   * Passwords and keys of the station's connections (SMTP, publish targets), each sealed by the
   * station key for its purpose (keys/secrets.ts); never plaintext.
   */
  secrets?: SealedSecrets
}

export const STATUS_LIST_BITS = 131_072
