/** Journal events of awards: issued (with the signed credential) and revoked. */
import { z } from 'zod'
import { defineEvent } from '../define.js'
import { recipientRecordSchema } from './recipients.js'

const awardRecordV1 = z.object({
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

/**
 * v2 adds `statusList`: the number of the station's status list that `statusIndex` is in (lists
 * roll over: status/rollover.ts). Absent means list 1 (every v1 line, and awards merged from a
 * station of an earlier Kiln). The version bump makes an earlier Kiln refuse these lines rather
 * than read an award of list 2 as one of list 1.
 */
export const awardRecordSchema = awardRecordV1.extend({
  statusList: z.number().int().positive().optional()
})
export type AwardRecord = Readonly<z.output<typeof awardRecordSchema>>

/** The status list an award's index is in (1 for awards written before lists rolled over). */
export function statusListOf(record: Pick<AwardRecord, 'statusList'>): number {
  return record.statusList ?? 1
}

/**
 * `award.issued`: the record and the signed credential as JSON text (entries written before
 * that format carry `credential` as an object; both are read). A person not yet in the recipient
 * book is added with their award (one line, not two).
 */
const issuedOf = <A extends z.ZodType>(award: A) =>
  z
    .object({
      award,
      credentialJson: z.string().optional(),
      credential: z.record(z.string(), z.unknown()).optional(),
      recipient: recipientRecordSchema.optional()
    })
    .refine((d) => d.credentialJson !== undefined || d.credential !== undefined, {
      message: 'the signed credential is missing',
      path: ['credentialJson']
    })
const issued = issuedOf(awardRecordSchema)
export type AwardIssuedData = Readonly<z.output<typeof issued>>

const revoked = z.object({
  awardId: z.string().min(1),
  reason: z.string(),
  revokedAt: z.string(),
  operator: z.string().optional()
})
export type AwardRevokedData = Readonly<z.output<typeof revoked>>

export const awardEvents = [
  defineEvent('award.issued', { v: 2, schema: issued, older: { 1: issuedOf(awardRecordV1) } }),
  defineEvent('award.revoked', { v: 1, schema: revoked })
] as const
