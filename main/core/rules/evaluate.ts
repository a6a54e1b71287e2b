/**
 * Rule evaluation, pure: who meets which rule, given the awards and check-ins. Awards a rule
 * would make are added to the picture and the rules are evaluated again (pathways chain) until
 * a pass adds nothing or the pass bound is reached. Nobody is planned twice for a badge, and
 * nobody who holds it (any status but revoked) is planned at all.
 */
import { normaliseEmail } from '../../../shared/email.js'
import type { AwardStatus } from '../../../shared/types.js'
import type { RuleCriteria } from '../../../shared/rules-types.js'
import { foldKey } from '../checkins/checkin-index.js'

export type AwardFact = Readonly<{
  recipientEmail: string
  recipientName: string
  badgeId: string
  /** creditsAvailable of the badge version the award pinned. */
  credits?: number
  status: AwardStatus
}>

export type AttendanceFact = Readonly<{
  /** Resolved e-mail; absent when the person is known only by member id. */
  recipientEmail?: string
  memberId?: string
  name: string
  session: string
  tags: readonly string[]
}>

export type RuleDef = Readonly<{ id: string; name: string; awardBadgeId: string } & RuleCriteria>

export type PlannedAward = Readonly<{ recipientEmail: string; name: string; pass: number }>
export type PlannedSkip = Readonly<{
  recipientEmail: string
  memberId?: string
  name: string
  reason: 'already-holds' | 'no-email'
}>
export type RulePlan = Readonly<{
  ruleId: string
  candidates: PlannedAward[]
  skipped: PlannedSkip[]
}>

export type EvaluationInput = Readonly<{
  awards: readonly AwardFact[]
  checkins: readonly AttendanceFact[]
  rules: readonly RuleDef[]
  /** creditsAvailable of the version a new award of this badge would pin. */
  creditsOf: (badgeId: string) => number | undefined
  maxPasses?: number
}>

export type Evaluation = Readonly<{ plans: RulePlan[]; passes: number; bounded: boolean }>

type Person = {
  email?: string
  memberId?: string
  name: string
  /** Badges held in any status but revoked: never award these again. */
  held: Set<string>
  /** Badges that count for pathways and credits (active or expiring), with their credits. */
  counting: Map<string, number>
  /** Folded tag → folded session names. */
  sessionsByTag: Map<string, Set<string>>
}

/** Credits compared in millionths, so 0.7 + 0.1 reaches 0.8. */
const units = (credits: number): number => Math.round(credits * 1_000_000)

function buildPeople(input: EvaluationInput): Map<string, Person> {
  const people = new Map<string, Person>()
  const person = (
    key: string,
    init: () => Omit<Person, 'held' | 'counting' | 'sessionsByTag'>
  ): Person => {
    let p = people.get(key)
    if (!p) {
      p = { ...init(), held: new Set(), counting: new Map(), sessionsByTag: new Map() }
      people.set(key, p)
    }
    return p
  }
  for (const c of input.checkins) {
    const key = c.recipientEmail
      ? normaliseEmail(c.recipientEmail)
      : `member:${foldKey(c.memberId ?? '')}`
    const p = person(key, () => ({
      name: c.name,
      ...(c.recipientEmail ? { email: c.recipientEmail } : {}),
      ...(c.memberId ? { memberId: c.memberId } : {})
    }))
    p.name = c.name
    const session = foldedTag(c.session)
    for (const tag of c.tags) {
      const t = foldedTag(tag)
      let sessions = p.sessionsByTag.get(t)
      if (!sessions) p.sessionsByTag.set(t, (sessions = new Set()))
      sessions.add(session)
    }
  }
  for (const a of input.awards) {
    if (a.status === 'revoked') continue
    const p = person(normaliseEmail(a.recipientEmail), () => ({
      email: a.recipientEmail,
      name: a.recipientName
    }))
    p.name = a.recipientName
    p.held.add(a.badgeId)
    if (a.status === 'active' || a.status === 'expiring') {
      const credits = units(a.credits ?? 0)
      p.counting.set(a.badgeId, Math.max(credits, p.counting.get(a.badgeId) ?? 0))
    }
  }
  return people
}

const tagCache = new Map<string, string>()
function foldedTag(tag: string): string {
  let folded = tagCache.get(tag)
  if (folded === undefined) {
    folded = foldKey(tag)
    if (tagCache.size < 10_000) tagCache.set(tag, folded)
  }
  return folded
}

export function meetsCriteria(p: Readonly<Person>, rule: RuleDef): boolean {
  switch (rule.kind) {
    case 'attendance':
      return (p.sessionsByTag.get(foldedTag(rule.tag))?.size ?? 0) >= rule.minSessions
    case 'pathway':
      return rule.requiredBadgeIds.every((id) => p.counting.has(id))
    case 'credits': {
      const from = rule.fromBadgeIds ? new Set(rule.fromBadgeIds) : undefined
      let total = 0
      for (const [badgeId, credits] of p.counting) {
        if (badgeId !== rule.awardBadgeId && (!from || from.has(badgeId))) total += credits
      }
      return total >= units(rule.minCredits)
    }
  }
}

export function evaluateRules(input: EvaluationInput): Evaluation {
  const people = buildPeople(input)
  const maxPasses = input.maxPasses ?? 20
  const plans = input.rules.map((r) => ({
    rule: r,
    candidates: [] as PlannedAward[],
    skipped: [] as PlannedSkip[],
    seen: new Set<string>()
  }))
  let passes = 0
  let changed = true
  while (changed && passes < maxPasses) {
    changed = false
    passes++
    for (const plan of plans) {
      const rule = plan.rule
      for (const [key, p] of people) {
        if (plan.seen.has(key) || !meetsCriteria(p, rule)) continue
        plan.seen.add(key)
        if (!p.email) {
          plan.skipped.push({
            recipientEmail: '',
            ...(p.memberId ? { memberId: p.memberId } : {}),
            name: p.name,
            reason: 'no-email'
          })
        } else if (p.held.has(rule.awardBadgeId)) {
          plan.skipped.push({ recipientEmail: p.email, name: p.name, reason: 'already-holds' })
        } else {
          plan.candidates.push({ recipientEmail: p.email, name: p.name, pass: passes })
          p.held.add(rule.awardBadgeId)
          p.counting.set(rule.awardBadgeId, units(input.creditsOf(rule.awardBadgeId) ?? 0))
          changed = true
        }
      }
    }
  }
  return {
    plans: plans.map((p) => ({ ruleId: p.rule.id, candidates: p.candidates, skipped: p.skipped })),
    passes,
    bounded: changed
  }
}
