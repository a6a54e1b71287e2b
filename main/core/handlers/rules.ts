/** Handlers of check-ins and automatic awarding rules. */
import { ok } from '../../../shared/result.js'
import type { RuleResults } from '../../../shared/methods/rules.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { importCheckIns } from '../checkins/import-checkins.js'
import { createRule, deleteRule, listRules, updateRule } from '../rules/rule-store.js'

function changed<T>(station: Station, value: T): T {
  station.bus.emit('data:changed', { domain: 'rules' })
  return value
}

export function ruleHandlers(station: Station): Pick<Handlers, keyof RuleResults> {
  return {
    'checkins:import': async (input) => {
      const result = await importCheckIns(station, input)
      if (result.committed) station.bus.emit('data:changed', { domain: 'checkins' })
      return ok(result)
    },
    'checkins:list': async (input) => {
      station.requireInitialized()
      const checkins = station.checkins.list(input.recipientEmail)
      return ok({ checkins, total: checkins.length })
    },
    'rules:list': async () => ok({ rules: listRules(station) }),
    'rules:create': async (input) => ok(changed(station, await createRule(station, input))),
    'rules:update': async (input) => ok(changed(station, await updateRule(station, input))),
    'rules:delete': async (input) => ok(changed(station, await deleteRule(station, input.id))),
    'rules:run': async (input) =>
      ok(
        await station.autoRules.runNow({
          dryRun: input.dryRun,
          trigger: 'manual',
          ...(input.ruleId ? { ruleId: input.ruleId } : {}),
          ...(input.operator ? { operator: input.operator } : {})
        })
      )
  }
}
