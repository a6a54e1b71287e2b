/**
 * Rules live in the catalog (station.json): small, edited by people. Every change is written
 * before it is reported; if the write fails, memory is put back as it was.
 */
import { randomBytes } from 'node:crypto'
import type { Rule, RuleCriteria } from '../../../shared/rules-types.js'
import type { MethodParsedInput } from '../../../shared/contract.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import { slugify } from '../station/ids.js'

export type RuleCreateInput = MethodParsedInput<'rules:create'>
export type RuleUpdateInput = MethodParsedInput<'rules:update'>

export function listRules(station: Station): Rule[] {
  return [...station.catalog.rules]
}

export function findRule(station: Station, id: string): Rule {
  const rule = station.catalog.rules.find((r) => r.id === id)
  if (!rule) fail('NOT_FOUND', `There is no rule with id "${id}".`, { field: 'id' })
  return rule
}

function criteriaOf(input: RuleCreateInput): RuleCriteria {
  switch (input.kind) {
    case 'attendance':
      return { kind: 'attendance', minSessions: input.minSessions, tag: input.tag }
    case 'pathway':
      return { kind: 'pathway', requiredBadgeIds: [...new Set(input.requiredBadgeIds)] }
    case 'credits':
      return {
        kind: 'credits',
        minCredits: input.minCredits,
        ...(input.fromBadgeIds ? { fromBadgeIds: [...new Set(input.fromBadgeIds)] } : {})
      }
  }
}

/** Every badge a rule names must exist; a rule cannot require the badge it awards. */
function checkBadges(station: Station, awardBadgeId: string, criteria: RuleCriteria): void {
  const known = new Set(station.catalog.badges.map((b) => b.id))
  if (!known.has(awardBadgeId)) {
    fail('NOT_FOUND', `There is no badge with id "${awardBadgeId}".`, { field: 'awardBadgeId' })
  }
  const listed =
    criteria.kind === 'pathway'
      ? { field: 'requiredBadgeIds', ids: criteria.requiredBadgeIds }
      : criteria.kind === 'credits' && criteria.fromBadgeIds
        ? { field: 'fromBadgeIds', ids: criteria.fromBadgeIds }
        : undefined
  if (!listed) return
  for (const id of listed.ids) {
    if (!known.has(id)) {
      fail('NOT_FOUND', `There is no badge with id "${id}".`, { field: listed.field })
    }
    if (id === awardBadgeId) {
      fail('INVALID_INPUT', 'A rule cannot require the badge it awards.', { field: listed.field })
    }
  }
}

async function save(station: Station, undo: () => void): Promise<void> {
  try {
    await station.saveCatalog()
  } catch (error) {
    undo()
    throw error
  }
}

export async function createRule(station: Station, input: RuleCreateInput): Promise<Rule> {
  const criteria = criteriaOf(input)
  checkBadges(station, input.awardBadgeId, criteria)
  const now = new Date().toISOString()
  const rules = station.catalog.rules
  let id = `rule-${slugify(input.name, 30)}-${randomBytes(3).toString('hex')}`
  while (rules.some((r) => r.id === id)) {
    id = `rule-${slugify(input.name, 30)}-${randomBytes(3).toString('hex')}`
  }
  const rule: Rule = {
    id,
    name: input.name,
    awardBadgeId: input.awardBadgeId,
    enabled: input.enabled,
    createdAt: now,
    updatedAt: now,
    ...criteria
  }
  rules.push(rule)
  await save(station, () => {
    station.catalog.rules = station.catalog.rules.filter((r) => r !== rule)
  })
  return rule
}

export async function updateRule(station: Station, input: RuleUpdateInput): Promise<Rule> {
  const old = findRule(station, input.id)
  const { id: _id, createdAt: _c, updatedAt: _u, ...definition } = input
  const criteria = criteriaOf(definition)
  checkBadges(station, input.awardBadgeId, criteria)
  const rule: Rule = {
    id: old.id,
    name: input.name,
    awardBadgeId: input.awardBadgeId,
    enabled: input.enabled,
    createdAt: old.createdAt,
    updatedAt: new Date().toISOString(),
    ...criteria
  }
  const rules = station.catalog.rules
  const at = rules.indexOf(old)
  rules[at] = rule
  await save(station, () => {
    const i = station.catalog.rules.indexOf(rule)
    if (i >= 0) station.catalog.rules[i] = old
  })
  return rule
}

export async function deleteRule(station: Station, id: string): Promise<{ id: string }> {
  const rule = findRule(station, id)
  const before = station.catalog.rules
  station.catalog.rules = before.filter((r) => r !== rule)
  await save(station, () => {
    station.catalog.rules = before
  })
  return { id }
}
