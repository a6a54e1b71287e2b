/**
 * Running rules over the station: gather the facts (awards with the credits of the version
 * each pinned, check-ins), evaluate, then either report (dry run) or issue through the
 * awarding code, one group commit per rule and pass, repeating until a pass issues nothing.
 * Every run, dry or real, is recorded in the journal as `rule.run` (one entry per rule).
 */
import { randomUUID } from 'node:crypto'
import type {
  Rule,
  RuleCandidate,
  RuleRun,
  RuleRunTrigger,
  RuleSkip,
  RulesRunResult
} from '../../../shared/rules-types.js'
import { KilnFailure, fail } from '../failure.js'
import { logger } from '../logger.js'
import type { Station } from '../station/station.js'
import type { NewEvent } from '../journal/registry.js'
import { awardableBadge, defaultOperator, issueToPeople } from '../awards/issue-award.js'
import { existingAward } from '../awards/award-actions.js'
import { ensureStatusCapacity } from '../awards/status-allocation.js'
import { findRule } from './rule-store.js'
import { evaluateRules, type RulePlan } from './evaluate.js'
import { gatherFacts } from './facts.js'

export type { RuleRunData } from '../journal/events/rules.js'

export type RunOptions = Readonly<{
  ruleId?: string
  dryRun: boolean
  trigger: RuleRunTrigger
  operator?: string
  /** Passes of a real run (each issues what the previous made possible). */
  maxPasses?: number
}>

const MAX_PASSES = 20

/** Why a rule's badge cannot be awarded now, if it cannot. */
function blocker(station: Station, rule: Rule): { code: string; message: string } | undefined {
  try {
    awardableBadge(station, rule.awardBadgeId)
    return undefined
  } catch (error) {
    if (error instanceof KilnFailure) return { code: error.code, message: error.message }
    throw error
  }
}

type Tally = {
  rule: Rule
  error?: { code: string; message: string }
  wouldAward: RuleCandidate[]
  awarded: RuleCandidate[]
  skipped: RuleSkip[]
  seen: Set<string>
}

function tallyOf(rule: Rule, error?: { code: string; message: string }): Tally {
  return {
    rule,
    ...(error ? { error } : {}),
    wouldAward: [],
    awarded: [],
    skipped: [],
    seen: new Set()
  }
}

/** Candidates the awarding code knows already hold the badge (any of their e-mails) become skips. */
function splitHolders(station: Station, tally: Tally, plan: RulePlan): RuleCandidate[] {
  const fresh: RuleCandidate[] = []
  for (const s of plan.skipped) {
    const key = s.recipientEmail || `member:${s.memberId ?? ''}`
    if (tally.seen.has(key)) continue
    tally.seen.add(key)
    tally.skipped.push(s)
  }
  for (const c of plan.candidates) {
    if (tally.seen.has(c.recipientEmail)) continue
    tally.seen.add(c.recipientEmail)
    const holder = existingAward(station, tally.rule.awardBadgeId, {
      name: c.name,
      email: c.recipientEmail
    })
    if (holder) {
      tally.skipped.push({
        recipientEmail: c.recipientEmail,
        name: c.name,
        reason: 'already-holds'
      })
    } else fresh.push({ recipientEmail: c.recipientEmail, name: c.name })
  }
  return fresh
}

/**
 * STATUS_LISTS_FULL when the awards of this pass (candidates not already holding their rule's
 * badge) would not fit in the station's status lists; checked before any of them is issued.
 */
function capacityProblem(
  station: Station,
  runnable: readonly Tally[],
  plans: readonly RulePlan[]
): { code: string; message: string } | undefined {
  const wanted = new Set<string>()
  plans.forEach((plan, i) => {
    const badgeId = runnable[i]?.rule.awardBadgeId
    if (badgeId === undefined) return
    for (const c of plan.candidates) {
      if (!existingAward(station, badgeId, { name: c.name, email: c.recipientEmail })) {
        wanted.add(`${badgeId}\n${c.recipientEmail}`)
      }
    }
  })
  try {
    ensureStatusCapacity(station, wanted.size)
    return undefined
  } catch (error) {
    if (error instanceof KilnFailure) return { code: error.code, message: error.message }
    throw error
  }
}

function selectRules(station: Station, ruleId: string | undefined): Rule[] {
  if (ruleId) return [findRule(station, ruleId)]
  return station.catalog.rules.filter((r) => r.enabled)
}

async function issueFor(
  station: Station,
  tally: Tally,
  people: RuleCandidate[],
  operator: string
): Promise<boolean> {
  if (people.length === 0) return false
  tally.wouldAward.push(...people)
  try {
    const badge = awardableBadge(station, tally.rule.awardBadgeId)
    const awards = await issueToPeople(
      station,
      badge,
      people.map((p) => ({ name: p.name, email: p.recipientEmail })),
      { narrative: `Awarded automatically by the rule "${tally.rule.name}".`, operator }
    )
    const byEmail = new Map(awards.map((a) => [a.recipientEmail, a.id]))
    for (const p of people) {
      const awardId = byEmail.get(p.recipientEmail)
      if (awardId) tally.awarded.push({ ...p, awardId })
      else {
        tally.skipped.push({
          ...p,
          reason: 'failed',
          message: 'the award is not in the ledger after issuing'
        })
      }
    }
    return awards.length > 0
  } catch (error) {
    const message =
      error instanceof KilnFailure ? error.message : 'an unexpected error; see the station log'
    if (!(error instanceof KilnFailure)) {
      logger.error(`rule ${tally.rule.id} failed to issue`, error)
    }
    for (const p of people) tally.skipped.push({ ...p, reason: 'failed', message })
    return false
  }
}

function toRun(t: Tally, runId: string, dryRun: boolean): RuleRun {
  return {
    runId,
    ruleId: t.rule.id,
    ruleName: t.rule.name,
    awardBadgeId: t.rule.awardBadgeId,
    dryRun,
    wouldAward: t.wouldAward,
    awarded: t.awarded,
    skipped: t.skipped,
    ...(t.error ? { error: t.error } : {})
  }
}

function journalItem(
  run: RuleRun,
  trigger: RuleRunTrigger,
  operator: string | undefined
): NewEvent {
  const count = (reason: RuleSkip['reason']) =>
    run.skipped.filter((s) => s.reason === reason).length
  const data = {
    runId: run.runId,
    ruleId: run.ruleId,
    ruleName: run.ruleName,
    awardBadgeId: run.awardBadgeId,
    dryRun: run.dryRun,
    trigger,
    counts: {
      eligible: run.wouldAward.length,
      awarded: run.awarded.length,
      alreadyHold: count('already-holds'),
      noEmail: count('no-email'),
      failed: count('failed')
    },
    awardIds: run.awarded.flatMap((a) => (a.awardId ? [a.awardId] : [])),
    ...(operator ? { operator } : {}),
    ...(run.error ? { error: run.error } : {})
  }
  return { type: 'rule.run', data }
}

/** Automatic runs record only runs that found someone or failed; manual runs always. */
function worthRecording(run: RuleRun, trigger: RuleRunTrigger): boolean {
  if (trigger === 'manual') return true
  return (
    run.wouldAward.length > 0 ||
    run.error !== undefined ||
    run.skipped.some((s) => s.reason === 'failed')
  )
}

export async function runRules(station: Station, options: RunOptions): Promise<RulesRunResult> {
  station.requireInitialized()
  if (!options.dryRun && station.locked) {
    fail('LOCKED', 'Unlock the station to award; a dry run works while locked.')
  }
  const rules = selectRules(station, options.ruleId)
  const tallies = rules.map((r) => tallyOf(r, blocker(station, r)))
  const runnable = tallies.filter((t) => !t.error)
  const operator =
    options.operator ??
    (options.trigger === 'manual' ? undefined : `rules (after ${options.trigger})`)

  if (options.dryRun) {
    const facts = gatherFacts(station)
    const evaluation = evaluateRules({
      ...facts,
      rules: runnable.map((t) => t.rule),
      maxPasses: options.maxPasses ?? MAX_PASSES
    })
    evaluation.plans.forEach((plan, i) => {
      const tally = runnable[i]
      if (tally) tally.wouldAward.push(...splitHolders(station, tally, plan))
    })
  } else {
    const bound = options.maxPasses ?? MAX_PASSES
    for (let pass = 0; pass < bound; pass++) {
      const facts = gatherFacts(station)
      const evaluation = evaluateRules({
        ...facts,
        rules: runnable.map((t) => t.rule),
        maxPasses: 1
      })
      const full = capacityProblem(station, runnable, evaluation.plans)
      if (full) {
        // Refused before this pass issues anything: every rule with someone to award says why.
        evaluation.plans.forEach((plan, i) => {
          const tally = runnable[i]
          if (tally && plan.candidates.length > 0) tally.error = full
        })
        break
      }
      let issued = false
      for (const [i, plan] of evaluation.plans.entries()) {
        const tally = runnable[i]
        if (!tally) continue
        const fresh = splitHolders(station, tally, plan)
        if (await issueFor(station, tally, fresh, operator ?? defaultOperator())) issued = true
      }
      if (!issued) break
    }
  }

  const runId = randomUUID()
  const runs = tallies.map((t) => toRun(t, runId, options.dryRun))
  const items = runs
    .filter((r) => worthRecording(r, options.trigger))
    .map((r) => journalItem(r, options.trigger, operator))
  station.journal.appendMany(items)
  return { dryRun: options.dryRun, trigger: options.trigger, runs }
}
