/** What station.json (the lowdb catalog) holds. Small, edited by people, rewritten atomically. */
import type { BadgeContent, BadgeStatus, BadgeVersion, IssuerProfile } from '../../../shared/types.js'
import type { Rule } from '../../../shared/rules-types.js'

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
}

export const STATUS_LIST_BITS = 131_072
