/**
 * Contract methods of the recipient book.
 *
 * CONTRACT (stable):
 * recipients:list {query?, limit?, offset?} → {recipients: Recipient[], total}; query matches
 *   name, any e-mail or member id (accent- and case-insensitive); merged-away recipients are
 *   not listed. Sorted by name.
 * recipients:get {id} → {recipient, awards: Award[]} (an id merged away resolves to the kept one).
 * recipients:create {name, email, memberId?} → Recipient; CONFLICT {existingRecipientId} when
 *   the e-mail (trimmed, case-insensitive) is already in the book.
 * recipients:update {id, name?, email?, memberId? ('' clears it)} → Recipient; CONFLICT as above.
 *   Existing credentials are not changed (use awards:reissue for that).
 * recipients:merge {keepId, mergeIds} → Recipient: the others point to keepId; awards stay.
 * recipients:importPreview {csvBase64, mapping?} → RecipientImportPreview (nothing changes).
 *   Columns not detected: CSV_INVALID with details {columns, mapping}.
 * recipients:import {csvBase64, mapping?, acceptValidRows?} → {added, duplicates, rejected}.
 *   Rejected rows and no acceptValidRows: CSV_INVALID with details {rejected} and nothing
 *   added. Duplicates are reported, never merged.
 */
import { z } from 'zod'
import { emailSchema, humanText, idInputSchema, refuseHiddenCharacters } from '../schemas.js'
import type { Award, Recipient, RecipientImportPreview, RowProblem } from '../types.js'
import { csvSourceSchema } from './awards.js'

const trimmed = (max: number) => z.string().trim().min(1).max(max)

export const recipientMethods = {
  'recipients:list': z.strictObject({
    query: z.string().trim().max(300).optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    offset: z.number().int().min(0).optional()
  }),
  'recipients:get': idInputSchema,
  'recipients:create': z.strictObject({
    name: humanText(300),
    email: emailSchema,
    memberId: humanText(100).optional()
  }),
  'recipients:update': z.strictObject({
    id: trimmed(200),
    name: humanText(300).optional(),
    email: emailSchema.optional(),
    memberId: z.string().trim().max(100).superRefine(refuseHiddenCharacters()).optional()
  }),
  'recipients:merge': z.strictObject({
    keepId: trimmed(200),
    mergeIds: z.array(trimmed(200)).min(1).max(1000)
  }),
  'recipients:importPreview': csvSourceSchema,
  'recipients:import': csvSourceSchema.extend({ acceptValidRows: z.boolean().optional() })
} as const

export type RecipientImportResult = Readonly<{
  added: number
  duplicates: RecipientImportPreview['duplicates']
  rejected: readonly RowProblem[]
}>

export type RecipientResults = {
  'recipients:list': Readonly<{ recipients: readonly Recipient[]; total: number }>
  'recipients:get': Readonly<{ recipient: Recipient; awards: readonly Award[] }>
  'recipients:create': Recipient
  'recipients:update': Recipient
  'recipients:merge': Recipient
  'recipients:importPreview': RecipientImportPreview
  'recipients:import': RecipientImportResult
}
