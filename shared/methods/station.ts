/** Contract methods of the station domain: setup, lock, profile, audit, backup, app info. */
import { z } from 'zod'
import {
  emailSchema,
  empty,
  httpsUrl,
  humanText,
  initInputSchema,
  passphraseSchema
} from '../schemas.js'
import type { AuditReport, ExportedFile, StationStatus } from '../types.js'

const pathSchema = z.string().trim().min(1).max(4096)

/** Where and how often the host backs the station up (kept in station.json). */
export type BackupSettings = Readonly<{
  /** An absolute folder outside the data directory. */
  folder?: string
  /** Every N hours while Kiln (app or `kiln serve`) has the station open; absent: manual only. */
  intervalHours?: number
  /** How many of this station's backups to keep in the folder (older ones are removed). */
  keep?: number
}>

export const backupSettingsSchema = z.strictObject({
  folder: pathSchema.optional(),
  intervalHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  keep: z.number().int().min(1).max(1000).optional()
})

const optionalText = humanText(200).optional()

/** A plain file name: no folder separators, no characters file systems refuse, not hidden. */
const exportFileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (name) =>
      ![...name].some((ch) => '/\\:*?"<>|'.includes(ch) || ch < ' ' || ch === '\u007f') &&
      !name.startsWith('.'),
    'must be a file name without folders'
  )

export const stationMethods = {
  'app:info': empty,
  'station:status': empty,
  'station:init': initInputSchema,
  'station:unlock': z.strictObject({ passphrase: passphraseSchema }),
  'station:lock': empty,
  /**
   * Issuer name, website, e-mail and the badge site URL. Changing the site URL once awards exist
   * makes their links and status checks (and a did:web issuer id) point elsewhere: refused with
   * CONFLICT (details.breaking) unless confirmBreaking is true.
   */
  'station:updateProfile': z.strictObject({
    issuerName: optionalText,
    issuerUrl: httpsUrl.optional(),
    /** '' removes the contact e-mail. */
    issuerEmail: z.union([emailSchema, z.literal('')]).optional(),
    siteUrl: httpsUrl.optional(),
    confirmBreaking: z.boolean().optional()
  }),
  /**
   * The key backup: key.json as it is on disk (the private key sealed with the passphrase),
   * after checking the passphrase opens it, so the person knows which passphrase guards it.
   */
  'station:exportKey': z.strictObject({ passphrase: passphraseSchema }),
  'audit:verify': empty,
  /** outFile: write exactly there; absent: a new file in the backup folder. Encrypted (kiln-backup/2). */
  'backup:create': z.strictObject({ outFile: pathSchema.optional() }),
  /** Without input fields: read the settings; with them: change them (null clears one). */
  'backup:settings': z.strictObject({
    folder: pathSchema.nullable().optional(),
    intervalHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .nullable()
      .optional(),
    keep: z.number().int().min(1).max(1000).nullable().optional()
  }),
  'backup:list': empty,
  /** A native folder picker (the desktop app; other hosts answer NEEDS_DESKTOP_APP: type a path). */
  'host:pickFolder': z.strictObject({ title: z.string().max(200).optional() }),
  /** Show a file the station wrote (an export, a backup) in the system's file manager. */
  'host:revealPath': z.strictObject({ path: pathSchema }),
  /** Open a web page (http/https only) in the person's browser. */
  'host:openUrl': z.strictObject({ url: httpsUrl.pipe(z.string().max(4096)) }),
  /**
   * Whether a typed folder exists and Kiln may write there (forFile: the path names a file to
   * write, e.g. a .zip, and its folder is checked). Never changes anything.
   */
  'host:checkFolder': z.strictObject({
    path: z.string().max(4096),
    forFile: z.boolean().optional()
  }),
  /** A file the station wrote in this session (an export), as a download for the browser. */
  'host:readOutput': z.strictObject({ path: pathSchema }),
  /** A fresh path in the station's exports/ folder for this file name (nothing is written). */
  'host:exportPath': z.strictObject({ fileName: exportFileName })
} as const

export type FolderCheck = Readonly<{
  exists: boolean
  /** Kiln may write there (an existing folder), or create it (a missing one). */
  writable: boolean
  /** One sentence for the person, under the field. */
  message: string
}>

export type BackupCreated = Readonly<{
  file: string
  bytes: number
  files: number
  sha256: string
  createdAt: string
  format: 'kiln-backup/2'
  /** Older backups of this station removed from the folder to keep the last `keep`. */
  removed: readonly string[]
}>

export type BackupSettingsView = Readonly<{
  settings: BackupSettings
  /** Backups are sealed with the passphrase remembered at unlock; false while it is not known. */
  canBackUp: boolean
  lastBackupAt?: string
  /** The last scheduled backup's failure, as a sentence. */
  lastError?: string
  nextDueAt?: string
}>

export type BackupListEntry = Readonly<{
  name: string
  file: string
  bytes: number
  createdAt: string
}>

export type StationResults = {
  /** logFile: the station log (logs/kiln.log in the data folder), for the Settings screen. */
  'app:info': Readonly<{ version: string; host: 'electron' | 'web' | 'cli'; logFile: string }>
  'station:status': StationStatus
  'station:init': StationStatus
  'station:unlock': StationStatus
  'station:lock': StationStatus
  'station:updateProfile': StationStatus
  'station:exportKey': Readonly<{ fileName: string; keyJson: string; fingerprint: string }>
  'audit:verify': AuditReport
  'backup:create': BackupCreated
  'backup:settings': BackupSettingsView
  'backup:list': Readonly<{ folder?: string; files: readonly BackupListEntry[] }>
  'host:pickFolder': Readonly<{ path: string | null }>
  'host:revealPath': Readonly<{ shown: string }>
  'host:openUrl': Readonly<{ opened: string }>
  'host:checkFolder': FolderCheck
  'host:readOutput': ExportedFile
  'host:exportPath': Readonly<{ path: string }>
}
