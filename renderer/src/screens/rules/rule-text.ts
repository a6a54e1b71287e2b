import type { Rule } from '../../../../shared/rules-types.js'

/** A rule's criteria in one sentence ("attended at least 3 sessions tagged workshop"). */
export function describeRule(rule: Rule, badgeName: (id: string) => string): string {
  switch (rule.kind) {
    case 'attendance':
      return `Attended at least ${rule.minSessions} session${rule.minSessions === 1 ? '' : 's'} tagged “${rule.tag}”`
    case 'pathway':
      return `Holds ${rule.requiredBadgeIds.map(badgeName).join(' and ')}`
    case 'credits':
      return `Holds badges worth at least ${rule.minCredits} credits${
        rule.fromBadgeIds ? ` (from ${rule.fromBadgeIds.map(badgeName).join(', ')})` : ''
      }`
  }
}

/** The full definition rules:update needs, from a stored rule. */
export function ruleDefinition(rule: Rule, enabled: boolean) {
  const common = { id: rule.id, name: rule.name, awardBadgeId: rule.awardBadgeId, enabled }
  switch (rule.kind) {
    case 'attendance':
      return { ...common, kind: rule.kind, minSessions: rule.minSessions, tag: rule.tag }
    case 'pathway':
      return { ...common, kind: rule.kind, requiredBadgeIds: [...rule.requiredBadgeIds] }
    case 'credits':
      return {
        ...common,
        kind: rule.kind,
        minCredits: rule.minCredits,
        ...(rule.fromBadgeIds ? { fromBadgeIds: [...rule.fromBadgeIds] } : {})
      }
  }
}
