/**
 * Contract methods of check-ins and automatic awarding rules (types in shared/rules-types.ts).
 *
 * checkins:import {csvBase64, acceptValidRows?, dryRun?, operator?} → CheckInImportResult
 *   CSV columns (header row; names compared without case, accents, spaces or punctuation):
 *     e-mail and/or member id, and name (or first + last name) — detected as in the recipient
 *     import (main/core/csv/columns.ts); session ("session", "event", "class", "workshop",
 *     "course"); tags ("tags", "topics", "categories"; split on ";" or "|"); date ("date",
 *     "session date", "event date", "attended"; YYYY-MM-DD or an ISO date-time).
 *   A row needs an e-mail or a member id, a name, a session and a date.
 *   Any rejected row ({row, field, message}; row 1 is the header, so data starts at row 2) means
 *   nothing is written (committed: false) unless acceptValidRows is true. A row with the same
 *   person + session + date as an existing check-in (or an earlier row) counts as a duplicate and
 *   is not written again. A committed import runs the enabled rules (if unlocked): `autoRun`.
 * checkins:list {recipientEmail?} → {checkins, total}
 * rules:list {} → {rules}
 * rules:create {name, awardBadgeId, enabled?, kind, ...} → Rule
 *   kind 'attendance' {minSessions, tag} | 'pathway' {requiredBadgeIds[]} |
 *   kind 'credits' {minCredits, fromBadgeIds?}   (enabled defaults to true)
 * rules:update {id, ...the same fields as create} → Rule   (replaces the definition; a Rule from
 *   rules:list can be sent back edited, its createdAt/updatedAt are ignored)
 * rules:delete {id} → {id}
 * rules:run {ruleId?, dryRun?, operator?} → RulesRunResult {dryRun, trigger, runs: RuleRun[]}
 *   Without ruleId: every enabled rule; with it: that rule even if disabled. Chained rules are
 *   followed until nothing new (a dry run simulates the chain). A real run needs the station
 *   unlocked. Every manual run (dry or real) is recorded in the journal as `rule.run`, one entry
 *   per rule; automatic runs (after imports/awards) only when they found someone or failed.
 */
import { z } from 'zod'
import { empty, emailSchema, humanText, idInputSchema } from '../schemas.js'
import type { CheckIn, CheckInImportResult, Rule, RulesRunResult } from '../rules-types.js'

const trimmed = (max: number) => z.string().trim().min(1).max(max)
const badgeId = trimmed(200)

const ruleCommon = {
  name: humanText(200),
  awardBadgeId: badgeId,
  enabled: z.boolean().default(true)
}

const attendance = {
  kind: z.literal('attendance'),
  minSessions: z.number().int().min(1).max(100_000),
  tag: humanText(60)
}
const pathway = {
  kind: z.literal('pathway'),
  requiredBadgeIds: z.array(badgeId).min(1).max(100)
}
const credits = {
  kind: z.literal('credits'),
  minCredits: z.number().positive().max(1_000_000),
  fromBadgeIds: z.array(badgeId).min(1).max(1000).optional()
}

export const ruleInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...ruleCommon, ...attendance }),
  z.strictObject({ ...ruleCommon, ...pathway }),
  z.strictObject({ ...ruleCommon, ...credits })
])

/** A Rule as rules:list returned it may be sent back edited: createdAt/updatedAt are ignored. */
const withId = {
  id: trimmed(200),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional()
}
export const ruleUpdateSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...withId, ...ruleCommon, ...attendance }),
  z.strictObject({ ...withId, ...ruleCommon, ...pathway }),
  z.strictObject({ ...withId, ...ruleCommon, ...credits })
])

export const checkinImportSchema = z.strictObject({
  csvBase64: z.string().min(1).max(70_000_000),
  acceptValidRows: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  operator: humanText(100).optional()
})

export const rulesRunSchema = z.strictObject({
  ruleId: trimmed(200).optional(),
  dryRun: z.boolean().default(false),
  operator: humanText(100).optional()
})

export const ruleMethods = {
  'checkins:import': checkinImportSchema,
  'checkins:list': z.strictObject({ recipientEmail: emailSchema.optional() }),
  'rules:list': empty,
  'rules:create': ruleInputSchema,
  'rules:update': ruleUpdateSchema,
  'rules:delete': idInputSchema,
  'rules:run': rulesRunSchema
} as const

export type RuleInput = z.output<typeof ruleInputSchema>

export type RuleResults = {
  'checkins:import': CheckInImportResult
  'checkins:list': Readonly<{ checkins: readonly CheckIn[]; total: number }>
  'rules:list': Readonly<{ rules: readonly Rule[] }>
  'rules:create': Rule
  'rules:update': Rule
  'rules:delete': Readonly<{ id: string }>
  'rules:run': RulesRunResult
}
