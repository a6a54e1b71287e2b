/** Domain types shared by the core, the hosts and the renderer. Plain data only. */

export type IssuerProfile = Readonly<{
  /** did:web of the site (default) or did:key. */
  id: string
  type: readonly ['Profile']
  name: string
  url: string
  email?: string
}>

export type StationKeyInfo = Readonly<{
  /** "SHA256:" + base64url(SHA-256(raw public key)), like an SSH fingerprint. */
  fingerprint: string
  publicKeyMultibase: string
  verificationMethod: string
  createdAt: string
}>

export type StationStatus = Readonly<{
  initialized: boolean
  locked: boolean
  dataDir: string
  stationId?: string
  /** Where bundles will be uploaded: every public URL lives under it. */
  siteUrl?: string
  issuer?: IssuerProfile
  key?: StationKeyInfo
  counts: Readonly<{ awards: number; badges: number; recipients: number }>
}>

export type ExpiryPolicy =
  | Readonly<{ kind: 'never' }>
  | Readonly<{ kind: 'months'; months: number }>
  | Readonly<{ kind: 'date'; date: string }>

export type Alignment = Readonly<{
  targetName: string
  targetUrl: string
  targetFramework?: string
  targetCode?: string
  targetDescription?: string
}>

export type BadgeStatus = 'draft' | 'published' | 'archived'

/** The part of a badge that goes into a credential's Achievement; frozen per version. */
export type BadgeContent = Readonly<{
  name: string
  description: string
  criteria: Readonly<{ narrative?: string; url?: string }>
  tags: readonly string[]
  achievementType: string
  creditsAvailable?: number
  fieldOfStudy?: string
  humanCode?: string
  alignments: readonly Alignment[]
  expiry: ExpiryPolicy
  /** SHA-256 of the badge's PNG in the station's image store, if it has one. */
  imageSha256?: string
}>

export type BadgeVersion = Readonly<{
  version: number
  publishedAt: string
  content: BadgeContent
}>

export type Badge = Readonly<{
  id: string
  status: BadgeStatus
  createdAt: string
  updatedAt: string
  /** The working copy (what a draft edit changes). */
  content: BadgeContent
  /** Frozen versions, oldest first; awards pin one of them. */
  versions: readonly BadgeVersion[]
  awardCount: number
  lastAwardedAt?: string
}>

export type AwardStatus = 'active' | 'expiring' | 'expired' | 'revoked'

export type Award = Readonly<{
  id: string
  badgeId: string
  badgeVersion: number
  recipientName: string
  recipientEmail: string
  /** The credential's id (its public URL under the site). */
  credentialId: string
  awardedDate: string
  validFrom: string
  validUntil?: string
  status: AwardStatus
  revokedAt?: string
  revocationReason?: string
  stationId: string
  operator?: string
}>

export type VerificationCheckId =
  | 'parse'
  | 'schema'
  | 'proof'
  | 'issuer'
  | 'dates'
  | 'status'
  | 'recipient'

export type VerificationCheck = Readonly<{
  id: VerificationCheckId
  status: 'passed' | 'failed' | 'skipped' | 'warning'
  message: string
}>

export type VerificationReport = Readonly<{
  valid: boolean
  checks: readonly VerificationCheck[]
  credentialId?: string
  issuerId?: string
  name?: string
}>

export type AuditReport = Readonly<{
  ok: boolean
  entries: number
  /** The first line whose link to its predecessor is broken, if any. */
  firstBroken?: Readonly<{ seq: number; line: number; reason: string }>
  head?: string
}>

export type JobInfo = Readonly<{ jobId: string }>

/** A file produced by the core for a host to save or offer as a download. */
export type ExportedFile = Readonly<{ filename: string; mediaType: string; base64: string }>
