/**
 * The journal events of delivery, one zod schema each: the outbox (a message queued, marked as
 * sending before it is handed to the mail server, sent, deferred after a temporary failure,
 * failed for good, cancelled, retried) and the badges members bring from other issuers.
 * Entries are parsed with these schemas when the journal is read, never cast.
 * `DELIVERY_EVENT_SCHEMAS` is the registry the station's typed journal plugs in.
 */
import { z } from 'zod'

const text = (max: number) => z.string().min(1).max(max)
const when = z.string().min(1).max(40)

export const messageKindSchema = z.enum(['award', 'reissue', 'resend'])

export const deliveryErrorSchema = z.object({
  kind: z.enum(['temporary', 'permanent', 'offline', 'setup']),
  message: text(2000),
  code: z.number().int().optional()
})

/** A message waits in the outbox for its award. */
export const deliveryQueuedSchema = z.object({
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
export const deliverySendingSchema = z.object({
  ids: z.array(text(300)).min(1),
  at: when,
  run: text(200)
})

export const deliverySentSchema = z.object({
  id: text(300),
  at: when,
  response: z.string().max(2000).optional()
})

/** A temporary failure (4xx, network): the message stays queued until retryAt. */
export const deliveryDeferredSchema = z.object({
  id: text(300),
  at: when,
  error: deliveryErrorSchema,
  retryAt: when
})

/** A permanent failure (5xx): the server's reason, shown on the award. */
export const deliveryFailedSchema = z.object({
  id: text(300),
  at: when,
  error: deliveryErrorSchema
})

export const deliveryCancelledSchema = z.object({
  ids: z.array(text(300)).min(1),
  at: when,
  reason: text(300),
  operator: text(100).optional()
})

/** A failed message queued again by the operator. */
export const deliveryRetriedSchema = z.object({
  ids: z.array(text(300)).min(1),
  at: when,
  operator: text(100).optional()
})

export const verificationCheckSchema = z.object({
  id: z.enum(['parse', 'schema', 'proof', 'issuer', 'dates', 'status', 'recipient']),
  status: z.enum(['passed', 'failed', 'skipped', 'warning']),
  message: z.string().max(4000)
})

/** A badge from another issuer, verified and added to a member's record. */
export const badgeImportedSchema = z.object({
  id: text(200),
  recipientId: text(200),
  kind: z.enum(['ob3', 'ob2-hosted']),
  format: z.enum(['json', 'png', 'svg']),
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

export const badgeImportRemovedSchema = z.object({
  id: text(200),
  at: when,
  operator: text(100).optional()
})

export const DELIVERY_EVENT_SCHEMAS = {
  'delivery.queued': deliveryQueuedSchema,
  'delivery.sending': deliverySendingSchema,
  'delivery.sent': deliverySentSchema,
  'delivery.deferred': deliveryDeferredSchema,
  'delivery.failed': deliveryFailedSchema,
  'delivery.cancelled': deliveryCancelledSchema,
  'delivery.retried': deliveryRetriedSchema,
  'recipient.badgeImported': badgeImportedSchema,
  'recipient.badgeImportRemoved': badgeImportRemovedSchema
} as const

export type DeliveryEventType = keyof typeof DELIVERY_EVENT_SCHEMAS
export type DeliveryEventData<T extends DeliveryEventType> = z.infer<
  (typeof DELIVERY_EVENT_SCHEMAS)[T]
>

export type DeliveryQueuedData = DeliveryEventData<'delivery.queued'>
export type BadgeImportedData = DeliveryEventData<'recipient.badgeImported'>

export function isDeliveryEventType(type: string): type is DeliveryEventType {
  return Object.prototype.hasOwnProperty.call(DELIVERY_EVENT_SCHEMAS, type)
}

/** A journal item of one of these events (the data checked against its schema first). */
export function deliveryItem<T extends DeliveryEventType>(
  type: T,
  data: DeliveryEventData<T>
): { type: T; data: DeliveryEventData<T> } {
  return { type, data: DELIVERY_EVENT_SCHEMAS[type].parse(data) as DeliveryEventData<T> }
}
