/**
 * Journal events of delivery: the outbox (a message queued, marked as sending before it is handed
 * to the mail server, sent, deferred after a temporary failure, failed for good, cancelled,
 * retried) and the badges members bring from other issuers. Checked against these schemas when
 * written and when read (journal/parse.ts); readers get typed entries.
 */
import { z } from 'zod'
import { defineEvent } from '../define.js'

const text = (max: number) => z.string().min(1).max(max)
const when = z.string().min(1).max(40)

const messageKindSchema = z.enum(['award', 'reissue', 'resend'])

const deliveryErrorSchema = z.object({
  kind: z.enum(['temporary', 'permanent', 'offline', 'setup']),
  message: text(2000),
  code: z.number().int().optional()
})

/** A message waits in the outbox for its award. */
const deliveryQueuedSchema = z.object({
  id: text(300),
  messageId: text(400),
  awardId: text(200),
  badgeId: text(200),
  email: text(320),
  name: text(300),
  kind: messageKindSchema,
  replacesAwardId: text(200).optional(),
  batchId: text(200).optional(),
  batchLabel: text(300).optional(),
  queuedAt: when
})

/** Written (fsynced) before the messages are handed to the transport. */
const deliverySendingSchema = z.object({
  ids: z.array(text(300)).min(1),
  at: when,
  run: text(200)
})

const deliverySentSchema = z.object({
  id: text(300),
  at: when,
  response: z.string().max(2000).optional()
})

/** A temporary failure (4xx, network): the message stays queued until retryAt. */
const deliveryDeferredSchema = z.object({
  id: text(300),
  at: when,
  error: deliveryErrorSchema,
  retryAt: when
})

/** A permanent failure (5xx): the server's reason, shown on the award. */
const deliveryFailedSchema = z.object({
  id: text(300),
  at: when,
  error: deliveryErrorSchema
})

const deliveryCancelledSchema = z.object({
  ids: z.array(text(300)).min(1),
  at: when,
  reason: text(300),
  operator: text(100).optional()
})

/** A failed message queued again by the operator. */
const deliveryRetriedSchema = z.object({
  ids: z.array(text(300)).min(1),
  at: when,
  operator: text(100).optional()
})

const verificationCheckSchema = z.object({
  id: z.enum(['parse', 'schema', 'proof', 'issuer', 'dates', 'status', 'recipient']),
  status: z.enum(['passed', 'failed', 'skipped', 'warning']),
  message: z.string().max(4000)
})

/** A badge from another issuer, verified and added to a member's record. */
const badgeImportedSchema = z.object({
  id: text(200),
  recipientId: text(200),
  kind: z.enum(['ob3', 'ob2-hosted']),
  format: z.enum(['json', 'png', 'svg', 'url']),
  issuer: z.object({ id: text(2000), name: text(500), url: text(2000).optional() }),
  achievement: z.object({
    id: text(2000),
    name: text(500),
    description: z.string().max(5000).optional(),
    credits: z.number().min(0).optional()
  }),
  credentialId: text(2000),
  issuedOn: when.optional(),
  expires: when.optional(),
  email: text(320),
  countsAsBadgeId: text(200).optional(),
  importedAt: when,
  verifiedAt: when,
  checks: z.array(verificationCheckSchema),
  /** The credential (OB 3.0) or assertion (OB 2.0) exactly as verified. */
  document: z.string().max(10_000_000),
  operator: text(100).optional()
})

const badgeImportRemovedSchema = z.object({
  id: text(200),
  at: when,
  operator: text(100).optional()
})

export type DeliveryQueuedData = z.output<typeof deliveryQueuedSchema>
export type BadgeImportedData = z.output<typeof badgeImportedSchema>

export const deliveryEvents = [
  defineEvent('delivery.queued', { v: 1, schema: deliveryQueuedSchema }),
  defineEvent('delivery.sending', { v: 1, schema: deliverySendingSchema }),
  defineEvent('delivery.sent', { v: 1, schema: deliverySentSchema }),
  defineEvent('delivery.deferred', { v: 1, schema: deliveryDeferredSchema }),
  defineEvent('delivery.failed', { v: 1, schema: deliveryFailedSchema }),
  defineEvent('delivery.cancelled', { v: 1, schema: deliveryCancelledSchema }),
  defineEvent('delivery.retried', { v: 1, schema: deliveryRetriedSchema }),
  defineEvent('recipient.badgeImported', { v: 1, schema: badgeImportedSchema }),
  defineEvent('recipient.badgeImportRemoved', { v: 1, schema: badgeImportRemovedSchema })
] as const
