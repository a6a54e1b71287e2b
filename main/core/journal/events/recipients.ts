/** Journal events of the recipient book. */
import { z } from 'zod'
import { defineEvent } from '../define.js'

export const recipientRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  email: z.string(),
  memberId: z.string().optional(),
  createdAt: z.string()
})
export type RecipientRecord = Readonly<z.output<typeof recipientRecordSchema>>

const added = z.object({ recipient: recipientRecordSchema })
export type RecipientAddedData = Readonly<z.output<typeof added>>

const updated = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  /** null clears it. */
  memberId: z.string().nullable().optional(),
  updatedAt: z.string()
})
export type RecipientUpdatedData = Readonly<z.output<typeof updated>>

const merged = z.object({
  keepId: z.string().min(1),
  mergeIds: z.array(z.string().min(1)).readonly(),
  at: z.string()
})
export type RecipientMergedData = Readonly<z.output<typeof merged>>

export const recipientEvents = [
  defineEvent('recipient.added', { v: 1, schema: added }),
  defineEvent('recipient.updated', { v: 1, schema: updated }),
  defineEvent('recipient.merged', { v: 1, schema: merged })
] as const
