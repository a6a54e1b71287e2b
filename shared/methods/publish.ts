/**
 * Contract methods of publishing: targets where the badge site lives (a folder, SFTP,
 * S3-compatible storage, FTP/FTPS), publishing to one (a cancellable job), automatic
 * publishing after awards, and what is waiting to be published.
 *
 * publish:start {target?, full?} → {jobId, target}: a 'publish:site' job of the station's job
 * system (jobs:get / jobs:cancel, 'job:progress' with the phase preparing → uploading → deleting →
 * verifying); its result is a PublishSummary.
 *
 * Secrets (a password, a private key, an S3 secret key) travel only inward, in
 * publish:saveTarget; they are sealed by the station key at once and no method returns them.
 */
import { z } from 'zod'
import { empty } from '../schemas.js'

export const TARGET_KINDS = ['folder', 'sftp', 's3', 'ftp'] as const
export type TargetKind = (typeof TARGET_KINDS)[number]

export const targetNameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'use letters, digits, dots, dashes and underscores (starting with a letter or digit)'
  )

const host = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]_-]+$/, 'is not a host name or address')
const port = z.number().int().min(1).max(65535)
const user = z.string().trim().min(1, 'is required').max(256)
const remotePath = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(1024)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
const secret = z
  .string()
  .min(1)
  .max(64 * 1024)

export const folderTargetInput = z.strictObject({
  kind: z.literal('folder'),
  name: targetNameSchema,
  path: remotePath
})

export const sftpTargetInput = z.strictObject({
  kind: z.literal('sftp'),
  name: targetNameSchema,
  host,
  port: port.default(22),
  user,
  path: remotePath,
  /** The password, or with privateKey the key's passphrase (if it has one). */
  secret: secret.optional(),
  /** An OpenSSH or PEM private key (the file's text). */
  privateKey: secret.optional()
})

export const s3TargetInput = z.strictObject({
  kind: z.literal('s3'),
  name: targetNameSchema,
  endpoint: z
    .string()
    .trim()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'must start with https:// (or http://)'),
  region: z.string().trim().min(1).max(64).default('us-east-1'),
  bucket: z
    .string()
    .trim()
    .min(3)
    .max(63)
    .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'is not a bucket name'),
  prefix: z
    .string()
    .trim()
    .max(512)
    .refine((p) => !p.split('/').some((s) => s === '..' || s === '.'), 'must not contain . or ..')
    .default(''),
  pathStyle: z.boolean().default(false),
  accessKeyId: z.string().trim().min(1, 'is required').max(256),
  /** The secret access key. */
  secret: secret.optional()
})

export const ftpTargetInput = z.strictObject({
  kind: z.literal('ftp'),
  name: targetNameSchema,
  host,
  port: port.default(21),
  user,
  secure: z.boolean().default(false),
  path: remotePath,
  /** The password. */
  secret: secret.optional()
})

export const targetInputSchema = z.discriminatedUnion('kind', [
  folderTargetInput,
  sftpTargetInput,
  s3TargetInput,
  ftpTargetInput
])

const name = z.strictObject({ name: targetNameSchema })

export const publishMethods = {
  'publish:targets': empty,
  /** Creates a target, or replaces the settings of one with the same name (a missing secret keeps the saved one). */
  'publish:saveTarget': targetInputSchema,
  'publish:removeTarget': name,
  /** Connects, pins an SFTP host key or an FTPS certificate on first use, and says what the target holds. */
  'publish:testTarget': name,
  'publish:start': z.strictObject({
    target: targetNameSchema.optional(),
    full: z.boolean().optional()
  }),
  'publish:status': empty,
  'publish:settings': z.strictObject({
    auto: z.boolean().optional(),
    /** The target that `kiln publish` without --target and automatic publishing use. */
    defaultTarget: targetNameSchema.nullable().optional()
  })
} as const

/** A target as the UI and the CLI see it: settings without any secret. */
export type PublishTargetView = Readonly<{
  name: string
  kind: TargetKind
  /** One line: "sftp://user@host:22/srv/site", "s3://bucket/prefix (endpoint)", a folder path. */
  location: string
  host?: string
  port?: number
  user?: string
  path?: string
  endpoint?: string
  region?: string
  bucket?: string
  prefix?: string
  pathStyle?: boolean
  accessKeyId?: string
  secure?: boolean
  /** Whether a password or key is saved (sealed); never the secret itself. */
  hasSecret: boolean
  authentication?: 'password' | 'key'
  /** The SFTP host key or FTPS certificate pinned on first use. */
  pinned?: Readonly<{ kind: 'ssh-host-key' | 'tls-certificate'; fingerprint: string; at: string }>
  createdAt: string
  lastPublished?: Readonly<{ at: string; seq: number; manifestHash: string }>
}>

export type PublishSummary = Readonly<{
  target: string
  uploaded: number
  deleted: number
  unchanged: number
  bytes: number
  manifestHash: string
  verified: boolean
  seq: number
  /** True when this publish continued an interrupted one. */
  resumed: boolean
  /** Set when this publish pinned the target's host key or certificate. */
  pinned?: string
}>

export type PublishSettingsView = Readonly<{ auto: boolean; defaultTarget: string | null }>

export type PublishStatus = Readonly<{
  settings: PublishSettingsView
  /** The default target's state (absent without targets). */
  target?: string
  /** Awards (and revocations) not yet on the default target. */
  waiting: number
  lastPublishedAt?: string
  running?: string
  /** The automatic publisher's last failure and when it tries again. */
  retry?: Readonly<{ at: string; error: string }>
}>

export type TargetTestReport = Readonly<{
  target: string
  /** What the target holds: nothing, this station's site, or files that are not a Kiln site. */
  holds: 'empty' | 'this-station' | 'foreign'
  message: string
  pinned?: Readonly<{ kind: 'ssh-host-key' | 'tls-certificate'; fingerprint: string; new: boolean }>
}>

export type PublishResults = {
  'publish:targets': Readonly<{ targets: readonly PublishTargetView[] }>
  'publish:saveTarget': PublishTargetView
  'publish:removeTarget': Readonly<{ removed: string }>
  'publish:testTarget': TargetTestReport
  'publish:start': Readonly<{ jobId: string; target: string }>
  'publish:status': PublishStatus
  'publish:settings': PublishSettingsView
}
