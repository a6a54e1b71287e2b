/** Domain types shared by the core, the hosts and the renderer. Plain data only. */
import type { KilnError } from './result.js'
import type { BadgeDesign } from './design/design-schema.js'

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
  /**
   * Set when the station found damage after it opened (the background check of the journal's
   * chain): every change is refused with this error until the station is restored.
   */
  refusedWrites?: KilnError
  /**
   * Set while the station is in desk mode (shared/methods/desk.ts): only awarding, the awards
   * list and printing are open, and every award names one of these operators.
   */
  desk?: DeskState
}>

/** Desk mode as the station reports it. */
export type DeskState = Readonly<{
  operators: readonly string[]
  /** When desk mode was switched on (ISO 8601). */
  since: string
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
  /** The designer's JSON when the image was drawn from a design (absent for uploaded images). */
  design?: BadgeDesign
  /** Shown to whoever awards the badge; not part of the credential. */
  evidencePrompt?: string
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
  /** Credential pages of public badges may be indexed by search engines. */
  public?: boolean
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
  /** The recipient (in the recipient book) this award belongs to, after merges. */
  recipientId?: string
  narrative?: string
  evidenceUrl?: string
  /** The award (id) this one replaced after a correction, and the one that replaced it. */
  replacesAwardId?: string
  replacedByAwardId?: string
  revokedBy?: string
}>

export type Recipient = Readonly<{
  id: string
  name: string
  /** Trimmed and lower-cased: the identity used for duplicates and awards. */
  email: string
  memberId?: string
  createdAt: string
  updatedAt: string
  /** Ids of recipients merged into this one (their awards now count as this person's). */
  mergedIds: readonly string[]
  /** E-mails of this recipient and every recipient merged into it. */
  emails: readonly string[]
  awardCount: number
}>

/** Which CSV column (by its header text, exactly as in `columns`) holds which field. */
export type CsvMapping = Readonly<{
  name?: string
  firstName?: string
  lastName?: string
  email?: string
  memberId?: string
}>

/**
 * One problem in an input file. `row` is the spreadsheet row: the header is row 1, the first
 * data record row 2 (a record with a quoted line break still counts as one row).
 */
export type RowProblem = Readonly<{ row: number; field: string; message: string }>

export type CsvInfo = Readonly<{
  columns: readonly string[]
  mapping: CsvMapping
  encoding: string
  delimiter: string
}>

export type RecipientImportPreview = CsvInfo &
  Readonly<{
    counts: Readonly<{ rows: number; toAdd: number; duplicates: number; rejected: number }>
    toAdd: ReadonlyArray<Readonly<{ row: number; name: string; email: string; memberId?: string }>>
    /** Rows whose e-mail is already in the book (existingId) or earlier in the file (firstRow). */
    duplicates: ReadonlyArray<
      Readonly<{
        row: number
        email: string
        existingId?: string
        firstRow?: number
        message: string
      }>
    >
    rejected: readonly RowProblem[]
  }>

/** A row left out of a batch: who (name and e-mail) and why, in words. */
export type BatchSkippedRow = Readonly<{ row: number; email: string; name: string; reason: string }>

/** A row to award whose name differs from the recipient book's name for the same e-mail. */
export type BatchNameConflict = Readonly<{
  row: number
  email: string
  /** The name in the file (what the row would be awarded under). */
  fileName: string
  /** The name the recipient book has for this e-mail. */
  bookName: string
  recipientId: string
}>

/** The operator's choice for a name conflict: keep the book's name, or the file's (the book follows). */
export type BatchNameChoice = Readonly<{ row: number; keep: 'file' | 'book' }>

export type BatchPreview = Readonly<{
  previewId: string
  badgeId: string
  counts: Readonly<{ toAward: number; alreadyHold: number; rejected: number }>
  toAward: ReadonlyArray<Readonly<{ row: number; name: string; email: string }>>
  skipped: readonly BatchSkippedRow[]
  rejected: readonly RowProblem[]
  /** Rows to award whose name differs from the recipient book (choose one in batchStart.names). */
  conflicts: readonly BatchNameConflict[]
  /** Present when the source was a CSV file. */
  csv?: CsvInfo
  /** ISO time after which batchStart refuses this preview (build a new one). */
  expiresAt: string
}>

/** The report of a batch award (also the CLI's --json shape). */
export type BatchReport = Readonly<{
  issued: ReadonlyArray<Readonly<{ id: string; email: string; name: string }>>
  skipped: readonly BatchSkippedRow[]
  rejected: readonly RowProblem[]
}>

export type { JobKind, JobState, JobStateOf } from './methods/jobs.js'

export type VerificationCheckId =
  'parse' | 'schema' | 'proof' | 'issuer' | 'dates' | 'status' | 'recipient'

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
