/** Journal events of automatic awarding rules: one `rule.run` per rule and run. */
import { z } from 'zod'
import { defineEvent } from '../define.js'

const count = z.number().int().nonnegative()

const ruleRun = z.object({
  runId: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  awardBadgeId: z.string(),
  dryRun: z.boolean(),
  trigger: z.enum(['manual', 'checkins', 'awards']),
  counts: z.object({
    eligible: count,
    awarded: count,
    alreadyHold: count,
    noEmail: count,
    failed: count
  }),
  awardIds: z.array(z.string()).readonly(),
  operator: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional()
})
export type RuleRunData = Readonly<z.output<typeof ruleRun>>

export const ruleEvents = [defineEvent('rule.run', { v: 1, schema: ruleRun })] as const
