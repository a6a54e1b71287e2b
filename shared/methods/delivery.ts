/**
 * Contract methods of delivery: e-mail settings and templates, the outbox, sending runs, the
 * mail-merge export, and badges members bring from other issuers.
 *
 * CONTRACT (stable; the Outbox screen, Settings → E-mail, the desk and the CLI build on it):
 *
 * mail:settings {} → MailSettingsView (never the password: only hasPassword).
 * mail:setup {host, port, security, user?, password?, from, replyTo?, ratePerMinute?,
 *   connections?, forgetCertificate?} → MailSettingsView. The password is sealed with the station
 *   key (LOCKED when locked); omitted, the saved one is kept; '' removes it. A server certificate
 *   pinned on first use stays while host, port and security stay, unless forgetCertificate.
 * mail:options {autoQueue?, waitForSite?} → MailSettingsView. autoQueue: new awards queue a
 *   message (default: on once SMTP is set up). waitForSite: messages wait until their credential
 *   is on the site (default on): published to the default publish target when one is set up,
 *   else in an exported bundle (main/core/delivery/site-readiness.ts).
 * mail:test {to} → {messageId, response, pinned?}. MAIL_NOT_CONFIGURED, OFFLINE, MAIL_REFUSED
 *   {reason}, HOST_KEY_CHANGED {expected, actual} (the pinned certificate changed). pinned: the
 *   fingerprint of a certificate this connection pinned (first use of a self-signed server).
 * mail:saveTemplate {badgeId?, subject, body, attachPdf?} → MailSettingsView (no badgeId: the
 *   station default). Unknown {{placeholders}}: INVALID_INPUT naming them.
 * mail:resetTemplate {badgeId?} → MailSettingsView (the badge falls back to the station default,
 *   the station default to Kiln's).
 * mail:preview {awardId, template?} → MailPreview: the message that award would get (with the
 *   given unsaved template, for the live preview).
 * outbox:list {state?, badgeId?, batchId?, query?, limit?, offset?} → {messages, total, counts,
 *   batches}; newest first.
 * outbox:get {id} → OutboxMessage with its history.
 * outbox:summary {} → OutboxSummary (the header note, the desk).
 * outbox:forAwards {awardIds} → {deliveries: AwardDelivery[]} (the newest message per award).
 * outbox:queue {awardIds} → {queued: OutboxMessage[]}: a message for each award that has none
 *   waiting or sent (revoked awards: CONFLICT).
 * outbox:retry {ids} / outbox:cancel {ids} → {messages}: failed → queued again; queued →
 *   cancelled. Anything else: CONFLICT naming the message and its state.
 * outbox:resend {ids} → {queued}: a new message (new Message-ID) for awards whose message was
 *   sent or failed.
 * delivery:start {awardIds?, now?} → {jobId}: sends the due messages as a job ('job:progress',
 *   'job:finished'); awardIds limits it (queueing a message for an award that has none); now
 *   sends without waiting for the site. The job (kind 'delivery:send' in jobs:get) ends with a
 *   DeliverySummary as its result.
 * delivery:plan {awardIds?, now?} → DeliverReport of what delivery:start would send (dry run).
 * mailMerge:export {badgeId?, batchId?, from?, to?, undelivered?} → {csv, rows, filename}.
 * recipients:importBadge {recipientId, fileBase64 | url, filename?, countsAsBadgeId?, credits?}
 *   → ImportedBadge, after verification (url: an OB 2.0 hosted assertion); CREDENTIAL_INVALID
 *   {reason, checks} when it fails, OFFLINE when a check needs the network and there is none
 *   (nothing is imported), CONFLICT when it is already in the person's record.
 * recipients:importedBadges {recipientId} → {badges: ImportedBadge[]}.
 * recipients:removeImportedBadge {id} → {id}.
 */
import { z } from 'zod'
import { emailSchema } from '../schemas.js'
import type { JobInfo, VerificationCheck } from '../types.js'

const trimmed = (max: number) => z.string().trim().min(1).max(max)
const id = trimmed(200)
const ids = z.array(id).min(1).max(100_000)
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date())

import {
  MESSAGE_STATES,
  SMTP_SECURITY,
  type MessageState,
  type SmtpSecurity
} from './delivery-values.js'
export {
  MESSAGE_STATES,
  SMTP_SECURITY,
  type MessageState,
  type SmtpSecurity
} from './delivery-values.js'

/** Host names and IP literals; no scheme, no spaces, no control characters. */
export const smtpHostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9._:[\]-]+$/, 'must be a host name or an IP address')

export const templateInputSchema = z.strictObject({
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(20_000),
  attachPdf: z.boolean().optional()
})

export const deliveryMethods = {
  'mail:settings': z.strictObject({}),
  'mail:setup': z.strictObject({
    host: smtpHostSchema,
    port: z.number().int().min(1).max(65_535),
    security: z.enum(SMTP_SECURITY),
    user: z.string().trim().max(300).optional(),
    password: z.string().max(1024).optional(),
    from: emailSchema,
    replyTo: emailSchema.optional(),
    ratePerMinute: z.number().int().min(1).max(100_000).optional(),
    connections: z.number().int().min(1).max(20).optional(),
    forgetCertificate: z.boolean().optional()
  }),
  'mail:options': z.strictObject({
    autoQueue: z.boolean().optional(),
    waitForSite: z.boolean().optional()
  }),
  'mail:test': z.strictObject({ to: emailSchema }),
  'mail:saveTemplate': templateInputSchema.extend({ badgeId: id.optional() }),
  'mail:resetTemplate': z.strictObject({ badgeId: id.optional() }),
  'mail:preview': z.strictObject({ awardId: id, template: templateInputSchema.optional() }),
  'outbox:list': z.strictObject({
    state: z.enum(MESSAGE_STATES).optional(),
    badgeId: id.optional(),
    batchId: id.optional(),
    query: z.string().trim().max(300).optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    offset: z.number().int().min(0).optional()
  }),
  'outbox:get': z.strictObject({ id }),
  'outbox:summary': z.strictObject({}),
  'outbox:forAwards': z.strictObject({ awardIds: z.array(id).max(10_000) }),
  'outbox:queue': z.strictObject({ awardIds: ids }),
  'outbox:retry': z.strictObject({ ids }),
  'outbox:cancel': z.strictObject({ ids }),
  'outbox:resend': z.strictObject({ ids }),
  'delivery:start': z.strictObject({
    awardIds: z.array(id).max(100_000).optional(),
    now: z.boolean().optional()
  }),
  'delivery:plan': z.strictObject({
    awardIds: z.array(id).max(100_000).optional(),
    now: z.boolean().optional()
  }),
  'mailMerge:export': z.strictObject({
    badgeId: id.optional(),
    batchId: id.optional(),
    /** Only these awards (the UI's "this batch" also before e-mail is set up). */
    awardIds: z.array(id).max(100_000).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    undelivered: z.boolean().optional()
  }),
  'recipients:importBadge': z
    .strictObject({
      recipientId: id,
      /** The file as base64 (JSON, baked PNG or SVG), at most 10 MB. */
      fileBase64: z.string().min(1).max(14_000_000).optional(),
      /** Or the URL of an Open Badges 2.0 hosted assertion. */
      url: z.string().trim().min(1).max(2_000).optional(),
      filename: z.string().trim().max(300).optional(),
      countsAsBadgeId: id.optional(),
      credits: z.number().min(0).max(10_000).optional()
    })
    .refine((i) => (i.fileBase64 === undefined) !== (i.url === undefined), {
      message: 'give the badge as a file or as the URL of a hosted assertion (one of them)',
      path: ['fileBase64']
    }),
  'recipients:importedBadges': z.strictObject({ recipientId: id }),
  'recipients:removeImportedBadge': z.strictObject({ id })
} as const

export type SmtpView = Readonly<{
  host: string
  port: number
  security: SmtpSecurity
  user?: string
  from: string
  replyTo?: string
  ratePerMinute?: number
  connections: number
  hasPassword: boolean
  /** The server's certificate, pinned on the first connection because no CA vouches for it. */
  certificate?: Readonly<{ fingerprint: string; pinnedAt: string }>
}>

export type MessageTemplate = Readonly<{ subject: string; body: string; attachPdf: boolean }>

export type MailSettingsView = Readonly<{
  smtp?: SmtpView
  configured: boolean
  /** Whether new awards queue a message now (the explicit setting, else on once configured). */
  autoQueue: boolean
  autoQueueSet: boolean
  waitForSite: boolean
  templates: Readonly<{
    /** The station default in use (Kiln's own until one is saved). */
    station: MessageTemplate
    stationCustom: boolean
    badges: ReadonlyArray<Readonly<{ badgeId: string; template: MessageTemplate }>>
  }>
  placeholders: readonly string[]
}>

export type MessageKind = 'award' | 'reissue' | 'resend'

/** Why a queued message has not left yet. */
export type WaitReason = 'site' | 'connection' | 'retry' | 'setup'

export type DeliveryError = Readonly<{
  kind: 'temporary' | 'permanent' | 'offline' | 'setup'
  message: string
  code?: number
}>

export type MessageEvent = Readonly<{
  at: string
  event: 'queued' | 'sending' | 'sent' | 'deferred' | 'failed' | 'cancelled' | 'retried'
  detail?: string
}>

export type OutboxMessage = Readonly<{
  id: string
  /** The Message-ID header, with angle brackets: the same for every attempt. */
  messageId: string
  awardId: string
  badgeId: string
  email: string
  name: string
  kind: MessageKind
  replacesAwardId?: string
  batchId?: string
  state: MessageState
  waiting?: WaitReason
  /** Marked as sending when the station stopped: it may have arrived, and may arrive twice. */
  interrupted?: boolean
  attempts: number
  lastError?: DeliveryError
  nextAttemptAt?: string
  queuedAt: string
  sentAt?: string
  /** The server's reply to the accepted message. */
  response?: string
  history?: readonly MessageEvent[]
}>

export type OutboxCounts = Readonly<{
  queued: number
  sending: number
  sent: number
  failed: number
  cancelled: number
  waitingForSite: number
  waitingForConnection: number
  interrupted: number
}>

export type OutboxBatch = Readonly<{ id: string; label: string; messages: number }>

export type OutboxSummary = Readonly<{
  counts: OutboxCounts
  configured: boolean
  /** Set while a sending run is going on in this process. */
  running?: Readonly<{ jobId: string; done: number; total: number }>
  /** The last time the SMTP server could not be reached (cleared once it can). */
  offlineSince?: string
  offlineReason?: string
  /** Messages that were in flight when the station stopped (they may arrive twice). */
  interrupted: readonly string[]
}>

export type AwardDelivery = Readonly<{
  awardId: string
  id: string
  messageId: string
  state: MessageState
  waiting?: WaitReason
  interrupted?: boolean
  lastError?: DeliveryError
  sentAt?: string
}>

/** `kiln deliver --json`. */
export type DeliverReport = Readonly<{
  sent: ReadonlyArray<Readonly<{ award: string; email: string; messageId: string }>>
  failed: ReadonlyArray<Readonly<{ award: string; email: string; reason: string }>>
  waiting: number
}>

/** The result of a sending run (a 'delivery:send' job). */
export type DeliverySummary = Readonly<{
  report: DeliverReport
  /** Of report.waiting, the messages whose credential is not on the site yet (published, or exported). */
  waitingForSite: number
  /** Messages sent again in this run because they were in flight when the station stopped. */
  repeated: readonly string[]
  /** Why the run stopped early (the server could not be reached, or refused the login). */
  stopped?: Readonly<{ code: 'OFFLINE' | 'MAIL_REFUSED'; message: string }>
}>

export type MailPreview = Readonly<{
  to: string
  subject: string
  text: string
  /**
   * The HTML part, its inline badge image as a data: URL so it can be shown as it will look, and
   * its inline styles in data-style attributes (a page under a strict CSP applies no style="";
   * the preview sets them through the CSSOM).
   */
  html: string
  attachments: ReadonlyArray<Readonly<{ filename: string; contentType: string; bytes: number }>>
  messageId: string
}>

export type ImportedBadge = Readonly<{
  id: string
  recipientId: string
  /** What was verified: 'ob3' (signature, issuer key, status), 'ob2-hosted' (hosted check). */
  kind: 'ob3' | 'ob2-hosted'
  /** How it came: a file (JSON, baked PNG or SVG), or the URL of a hosted assertion. */
  format: 'json' | 'png' | 'svg' | 'url'
  issuer: Readonly<{ id: string; name: string; url?: string }>
  achievement: Readonly<{ id: string; name: string; description?: string; credits?: number }>
  /** The credential's (OB 3.0) or assertion's (OB 2.0) id. */
  credentialId: string
  issuedOn?: string
  expires?: string
  /** The e-mail of the person the badge names. */
  email: string
  countsAsBadgeId?: string
  importedAt: string
  verifiedAt: string
  checks: readonly VerificationCheck[]
}>

export type DeliveryResults = {
  'mail:settings': MailSettingsView
  'mail:setup': MailSettingsView
  'mail:options': MailSettingsView
  'mail:test': Readonly<{ messageId: string; response: string; pinned?: string }>
  'mail:saveTemplate': MailSettingsView
  'mail:resetTemplate': MailSettingsView
  'mail:preview': MailPreview
  'outbox:list': Readonly<{
    messages: readonly OutboxMessage[]
    total: number
    counts: OutboxCounts
    batches: readonly OutboxBatch[]
  }>
  'outbox:get': OutboxMessage
  'outbox:summary': OutboxSummary
  'outbox:forAwards': Readonly<{ deliveries: readonly AwardDelivery[] }>
  'outbox:queue': Readonly<{ queued: readonly OutboxMessage[] }>
  'outbox:retry': Readonly<{ messages: readonly OutboxMessage[] }>
  'outbox:cancel': Readonly<{ messages: readonly OutboxMessage[] }>
  'outbox:resend': Readonly<{ queued: readonly OutboxMessage[] }>
  'delivery:start': JobInfo
  'delivery:plan': DeliverReport
  'mailMerge:export': Readonly<{ csv: string; rows: number; filename: string }>
  'recipients:importBadge': ImportedBadge
  'recipients:importedBadges': Readonly<{ badges: readonly ImportedBadge[] }>
  'recipients:removeImportedBadge': Readonly<{ id: string }>
}
