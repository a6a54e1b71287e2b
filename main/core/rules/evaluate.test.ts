import { describe, expect, it } from 'vitest'
import { evaluateRules, type AttendanceFact, type AwardFact, type RuleDef } from './evaluate.js'

const award = (email: string, badgeId: string, extra: Partial<AwardFact> = {}): AwardFact => ({
  recipientEmail: email,
  recipientName: email.split('@')[0] ?? email,
  badgeId,
  status: 'active',
  ...extra
})
const checkin = (
  email: string,
  session: string,
  tags: string[],
  extra: Partial<AttendanceFact> = {}
): AttendanceFact => ({
  recipientEmail: email,
  name: email.split('@')[0] ?? email,
  session,
  tags,
  ...extra
})
const attendance = (minSessions: number, tag: string, awardBadgeId = 'potter'): RuleDef => ({
  id: 'r-att',
  name: 'Regular',
  awardBadgeId,
  kind: 'attendance',
  minSessions,
  tag
})
const emails = (
  plan: { candidates: readonly { recipientEmail: string }[] } | undefined
): string[] => (plan?.candidates ?? []).map((c) => c.recipientEmail).sort()
const noCredits = (): undefined => undefined

describe('attendance rules', () => {
  const checkins = [
    checkin('ann@x.org', 'Wheel 1', ['Wheel']),
    checkin('ann@x.org', 'Wheel 2', ['wheel; glaze'.split('; ')[0] as string]),
    checkin('ann@x.org', 'Wheel 3', ['WHEEL']),
    checkin('bob@x.org', 'Wheel 1', ['wheel']),
    checkin('bob@x.org', 'wheel  1', ['wheel']), // the same session again (case, spaces)
    checkin('bob@x.org', 'Wheel 2', ['wheel']),
    checkin('bob@x.org', 'Glaze 1', ['glaze']), // another tag does not count
    checkin('cy@x.org', 'Wheel 1', ['Wheel']),
    checkin('cy@x.org', 'Wheel 2', ['Wheel'])
  ]

  it('awards who attended at least N distinct sessions with the tag (case-insensitive)', () => {
    const { plans } = evaluateRules({
      awards: [],
      checkins,
      rules: [attendance(2, 'wheel')],
      creditsOf: noCredits
    })
    expect(emails(plans[0])).toEqual(['ann@x.org', 'bob@x.org', 'cy@x.org'])
  })

  it('counts a session repeated on another day, or spelled differently, once', () => {
    const { plans } = evaluateRules({
      awards: [],
      checkins,
      rules: [attendance(3, 'Wheel')],
      creditsOf: noCredits
    })
    expect(emails(plans[0])).toEqual(['ann@x.org'])
  })

  it('the threshold is inclusive and nobody qualifies above everyone’s count', () => {
    expect(
      emails(
        evaluateRules({
          awards: [],
          checkins,
          rules: [attendance(4, 'wheel')],
          creditsOf: noCredits
        }).plans[0]
      )
    ).toEqual([])
  })

  it('never awards twice: holders (any status but revoked) are skipped, revoked holders are awarded', () => {
    const awards = [
      award('ann@x.org', 'potter', { status: 'expired' }),
      award('bob@x.org', 'potter', { status: 'revoked' }),
      award('cy@x.org', 'potter', { status: 'expiring' })
    ]
    const [plan] = evaluateRules({
      awards,
      checkins,
      rules: [attendance(2, 'wheel')],
      creditsOf: noCredits
    }).plans
    expect(emails(plan)).toEqual(['bob@x.org'])
    expect(plan?.skipped.map((s) => [s.recipientEmail, s.reason]).sort()).toEqual([
      ['ann@x.org', 'already-holds'],
      ['cy@x.org', 'already-holds']
    ])
  })

  it('people known only by member id are skipped with no-email', () => {
    const onlyMember = [1, 2].map((n) =>
      checkin('', `Wheel ${n}`, ['wheel'], {
        recipientEmail: undefined,
        memberId: 'M-7',
        name: 'Dee'
      })
    )
    const [plan] = evaluateRules({
      awards: [],
      checkins: onlyMember,
      rules: [attendance(2, 'wheel')],
      creditsOf: noCredits
    }).plans
    expect(plan?.candidates).toEqual([])
    expect(plan?.skipped).toEqual([
      { recipientEmail: '', memberId: 'M-7', name: 'Dee', reason: 'no-email' }
    ])
  })
})

describe('pathway rules', () => {
  const pathway = (id: string, required: string[], awardBadgeId: string): RuleDef => ({
    id,
    name: id,
    awardBadgeId,
    kind: 'pathway',
    requiredBadgeIds: required
  })

  it('awards C to who holds A and B (active or expiring), not to who holds one, or a revoked/expired one', () => {
    const awards = [
      award('ann@x.org', 'A'),
      award('ann@x.org', 'B', { status: 'expiring' }),
      award('bob@x.org', 'A'),
      award('cy@x.org', 'A'),
      award('cy@x.org', 'B', { status: 'revoked' }),
      award('dee@x.org', 'A'),
      award('dee@x.org', 'B', { status: 'expired' })
    ]
    const [plan] = evaluateRules({
      awards,
      checkins: [],
      rules: [pathway('p', ['A', 'B'], 'C')],
      creditsOf: noCredits
    }).plans
    expect(emails(plan)).toEqual(['ann@x.org'])
  })

  it('chains: attendance gives B, which with A completes the pathway to C (in any rule order)', () => {
    const awards = [award('ann@x.org', 'A')]
    const checkins = [checkin('ann@x.org', 's1', ['t']), checkin('ann@x.org', 's2', ['t'])]
    const rules = [pathway('p', ['A', 'B'], 'C'), pathway('q', ['C'], 'D'), attendance(2, 't', 'B')]
    const result = evaluateRules({ awards, checkins, rules, creditsOf: noCredits })
    expect(result.plans.map((p) => [p.ruleId, emails(p)])).toEqual([
      ['p', ['ann@x.org']],
      ['q', ['ann@x.org']],
      ['r-att', ['ann@x.org']]
    ])
    expect(result.passes).toBeGreaterThan(1)
    expect(result.bounded).toBe(false)
  })

  it('the pass bound stops a long chain', () => {
    const rules = ['B', 'C', 'D', 'E']
      .map((target, i) => pathway(`p${i}`, [String.fromCharCode(65 + i)], target))
      .reverse()
    const result = evaluateRules({
      awards: [award('ann@x.org', 'A')],
      checkins: [],
      rules,
      creditsOf: noCredits,
      maxPasses: 2
    })
    expect(result.bounded).toBe(true)
    expect(result.plans.flatMap((p) => p.candidates)).toHaveLength(2)
  })
})

describe('credits rules', () => {
  const credits = (minCredits: number, fromBadgeIds?: string[]): RuleDef => ({
    id: 'c',
    name: 'CE',
    awardBadgeId: 'ce',
    kind: 'credits',
    minCredits,
    ...(fromBadgeIds ? { fromBadgeIds } : {})
  })

  it('adds fractional credits exactly (0.7 + 0.1 reaches 0.8)', () => {
    const awards = [
      award('ann@x.org', 'a', { credits: 0.7 }),
      award('ann@x.org', 'b', { credits: 0.1 })
    ]
    expect(0.7 + 0.1 < 0.8).toBe(true) // the float trap this guards against
    expect(
      emails(
        evaluateRules({ awards, checkins: [], rules: [credits(0.8)], creditsOf: noCredits })
          .plans[0]
      )
    ).toEqual(['ann@x.org'])
    expect(
      emails(
        evaluateRules({ awards, checkins: [], rules: [credits(0.81)], creditsOf: noCredits })
          .plans[0]
      )
    ).toEqual([])
  })

  it('revoked and expired awards and a badge held twice do not add', () => {
    const awards = [
      award('ann@x.org', 'a', { credits: 1.5 }),
      award('ann@x.org', 'a', { credits: 1.5 }),
      award('ann@x.org', 'b', { credits: 2, status: 'revoked' }),
      award('ann@x.org', 'c', { credits: 2, status: 'expired' })
    ]
    expect(
      emails(
        evaluateRules({ awards, checkins: [], rules: [credits(1.5)], creditsOf: noCredits })
          .plans[0]
      )
    ).toEqual(['ann@x.org'])
    expect(
      emails(
        evaluateRules({ awards, checkins: [], rules: [credits(2)], creditsOf: noCredits }).plans[0]
      )
    ).toEqual([])
  })

  it('counts only the listed badges when fromBadgeIds is given', () => {
    const awards = [
      award('ann@x.org', 'a', { credits: 1 }),
      award('ann@x.org', 'b', { credits: 1 })
    ]
    expect(
      emails(
        evaluateRules({ awards, checkins: [], rules: [credits(2, ['a'])], creditsOf: noCredits })
          .plans[0]
      )
    ).toEqual([])
    expect(
      emails(
        evaluateRules({
          awards,
          checkins: [],
          rules: [credits(2, ['a', 'b'])],
          creditsOf: noCredits
        }).plans[0]
      )
    ).toEqual(['ann@x.org'])
  })

  it('uses the credits of a badge another rule would award (chained)', () => {
    const checkins = [checkin('ann@x.org', 's', ['t'])]
    const awards = [award('ann@x.org', 'a', { credits: 0.5 })]
    const rules = [credits(1.25), attendance(1, 't', 'workshop')]
    const creditsOf = (id: string) => (id === 'workshop' ? 0.75 : undefined)
    const { plans } = evaluateRules({ awards, checkins, rules, creditsOf })
    expect(plans.map(emails)).toEqual([['ann@x.org'], ['ann@x.org']])
  })
})
