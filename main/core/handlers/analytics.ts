/** Handlers of analytics (how badges perform) and the audit trail. */
import { ok } from '../../../shared/result.js'
import type { AnalyticsResults } from '../../../shared/methods/analytics.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { summarise } from '../analytics/summary.js'
import { listAudit } from '../analytics/audit.js'

export function analyticsHandlers(station: Station): Pick<Handlers, keyof AnalyticsResults> {
  return {
    'analytics:summary': async (input) => {
      const index = station.journalIndex
      return ok(
        summarise(input, {
          ledger: station.awards,
          badges: station.catalog.badges,
          automaticAwardIds: index.automaticAwardIds,
          ruleRuns: index.ruleRuns
        })
      )
    },
    'audit:list': async (input) => {
      const index = station.journalIndex
      const badges = new Map(station.catalog.badges.map((b) => [b.id, b.content.name] as const))
      return ok(
        listAudit(
          index.auditRows(() => station.journal.entries()),
          input,
          {
            badgeName: (id) => badges.get(id),
            automatic: (id) => index.automaticAwardIds.has(id),
            award: (id) => station.awards.record(id),
            recipientName: (id) => {
              const resolved = station.recipients.resolveId(id)
              return resolved ? station.recipients.record(resolved)?.name : undefined
            }
          }
        )
      )
    }
  }
}
