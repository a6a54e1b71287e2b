/** Journal events of awards: issued (with the signed credential) and revoked. */
import { z } from 'zod'
import { defineEvent } from '../define.js'
import { recipientRecordSchema } from './recipients.js'

export const awardRecordSchema = z.object({
  id: z.string().min(1),
  badgeId: z.string().min(1),
  badgeVersion: z.number().int().positive(),
  recipientName: z.string(),
  recipientEmail: z.string(),
  recipientId: z.string().optional(),
  salt: z.string(),
  credentialId: z.string(),
  awardedDate: z.string(),
  validFrom: z.string(),
  validUntil: z.string().optional(),
  statusIndex: z.number().int().nonnegative(),
  stationId: z.string().min(1),
  operator: z.string().optional(),
  narrative: z.string().optional(),
  evidenceUrl: z.string().optional(),
  /** The award this one replaces (reissue). */
  replacesAwardId: z.string().optional()
})
export type AwardRecord = Readonly<z.output<typeof awardRecordSchema>>

/**
 * `award.issued`: the record and the signed credential as JSON text (entries written before
 * that format carry `credential` as an object; both are read). A person not yet in the recipient
 * book is added with their award (one line, not two).
 */
const issued = z
  .object({
    award: awardRecordSchema,
    credentialJson: z.string().optional(),
    credential: z.record(z.string(), z.unknown()).optional(),
    recipient: recipientRecordSchema.optional()
  })
  .refine((d) => d.credentialJson !== undefined || d.credential !== undefined, {
    message: 'the signed credential is missing',
    path: ['credentialJson']
  })
export type AwardIssuedData = Readonly<z.output<typeof issued>>

const revoked = z.object({
  awardId: z.string().min(1),
  reason: z.string(),
  revokedAt: z.string(),
  operator: z.string().optional()
})
export type AwardRevokedData = Readonly<z.output<typeof revoked>>

export const awardEvents = [
  defineEvent('award.issued', { v: 1, schema: issued }),
  defineEvent('award.revoked', { v: 1, schema: revoked })
] as const
