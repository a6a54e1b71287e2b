/**
 * Contract methods of awarding and credentials.
 *
 * CONTRACT (stable; the awarding UI and the rules engine build on it):
 *
 * awards:list {status?, query?, badgeId?, recipientId?, limit?, offset?}
 *   → {awards: Award[], total}   newest first. status: 'active' | 'expiring' (≤ 30 days) |
 *   'expired' | 'revoked' (computed by the ledger now). query matches name, e-mail, badge
 *   name/id, accent- and case-insensitive. total = matches before limit/offset.
 * awards:issue {badgeId, (email + name) | recipientId, narrative?, evidenceUrl?, operator?,
 *   allowDuplicate?} → Award. If the person (same normalised e-mail, or any e-mail of the
 *   recipient) already holds an unrevoked award of this badge and allowDuplicate is not true:
 *   CONFLICT with details {existingAwardId} (the UI asks, then resends with allowDuplicate).
 *   An e-mail not yet in the recipient book is added to it in the same journal commit.
 * awards:revoke {id, reason, operator?} → Award (status 'revoked'). Revoking twice: CONFLICT.
 * awards:reissue {id, name?, email?, operator?} → {revoked: Award, issued: Award}: the old one
 *   revoked with reason "reissued: …", a new credential keeping awardedDate whose description
 *   names the replaced credential; both in one journal commit.
 * awards:batchPreview {badgeId, source: {csvBase64, mapping?} | {recipientIds}, narrative?,
 *   evidenceUrl?} → BatchPreview. Nothing is issued. Rows already holding the badge (or
 *   repeating an earlier row's e-mail) are `skipped`; invalid rows are `rejected` with
 *   {row, field, message}. A CSV whose columns cannot be detected: CSV_INVALID with details
 *   {columns, mapping} (send mapping). Previews live 1 hour, in memory.
 * awards:batchStart {previewId, awardValidRows?, operator?} → {jobId}. CSV_INVALID if the
 *   preview has rejected rows and awardValidRows is not true. Progress: bus events
 *   'job:progress' {jobId, done, total} (≥ every 250 ms) and 'job:finished'; the report is
 *   jobs:get(jobId).result (BatchReport). Idempotent: whoever holds the badge by then is
 *   skipped. Cancel with jobs:cancel; what was journaled stays. STATUS_LISTS_FULL (nothing
 *   issued, details {wanted, remaining, maxLists, entriesPerList}) when the rows would not fit
 *   in the station's status lists (the current list's rest plus the lists it may still start);
 *   awards:issue is refused the same way once every list is full.
 * credentials:get {id} → {award, credential}; credentials:export {id, format} (ob2 of a
 *   revoked award gives the revoked assertion); credentials:verify {credential, email?}.
 */
import { z } from 'zod'
import { emailSchema, httpsUrl, humanParagraph, humanText, idInputSchema } from '../schemas.js'
import type { Award, BatchPreview, ExportedFile, JobInfo, VerificationReport } from '../types.js'

const trimmed = (max: number) => z.string().trim().min(1).max(max)

export const csvMappingSchema = z.strictObject({
  name: trimmed(300).optional(),
  firstName: trimmed(300).optional(),
  lastName: trimmed(300).optional(),
  email: trimmed(300).optional(),
  memberId: trimmed(300).optional()
})

/** CSV files travel as base64 (at most ~30 MB of text). */
export const csvSourceSchema = z.strictObject({
  csvBase64: z.string().min(1).max(40_000_000),
  mapping: csvMappingSchema.optional()
})

export const awardIssueSchema = z
  .strictObject({
    badgeId: trimmed(200),
    email: emailSchema.optional(),
    name: humanText(300).optional(),
    recipientId: trimmed(200).optional(),
    narrative: humanParagraph(20000).optional(),
    evidenceUrl: httpsUrl.optional(),
    operator: humanText(100).optional(),
    allowDuplicate: z.boolean().optional()
  })
  .refine((a) => a.recipientId !== undefined || (a.email !== undefined && a.name !== undefined), {
    message: 'give recipientId, or email and name',
    path: ['email']
  })

export const AWARD_STATUSES = ['active', 'expiring', 'expired', 'revoked'] as const

export const awardMethods = {
  'awards:list': z.strictObject({
    status: z.enum(AWARD_STATUSES).optional(),
    query: z.string().trim().max(300).optional(),
    badgeId: trimmed(200).optional(),
    recipientId: trimmed(200).optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    offset: z.number().int().min(0).optional()
  }),
  'awards:issue': awardIssueSchema,
  'awards:revoke': z.strictObject({
    id: trimmed(200),
    reason: humanParagraph(1000),
    operator: humanText(100).optional()
  }),
  'awards:reissue': z.strictObject({
    id: trimmed(200),
    name: humanText(300).optional(),
    email: emailSchema.optional(),
    operator: humanText(100).optional()
  }),
  'awards:batchPreview': z.strictObject({
    badgeId: trimmed(200),
    source: z.union([
      csvSourceSchema,
      z.strictObject({ recipientIds: z.array(trimmed(200)).min(1).max(200_000) })
    ]),
    narrative: humanParagraph(20000).optional(),
    evidenceUrl: httpsUrl.optional()
  }),
  'awards:batchStart': z.strictObject({
    previewId: trimmed(200),
    awardValidRows: z.boolean().optional(),
    operator: humanText(100).optional()
  }),
  'credentials:get': idInputSchema,
  'credentials:verify': z.strictObject({ credential: z.unknown(), email: z.string().optional() }),
  'credentials:export': z.strictObject({
    id: z.string().trim().min(1).max(200),
    format: z.enum(['ob3', 'png', 'svg', 'ob2'])
  })
} as const

export type AwardResults = {
  'awards:list': Readonly<{ awards: readonly Award[]; total: number }>
  'awards:issue': Award
  'awards:revoke': Award
  'awards:reissue': Readonly<{ revoked: Award; issued: Award }>
  'awards:batchPreview': BatchPreview
  'awards:batchStart': JobInfo
  'credentials:get': Readonly<{ award: Award; credential: Record<string, unknown> }>
  'credentials:verify': VerificationReport
  'credentials:export': ExportedFile
}
