/** Handlers of awarding and credentials. */
import { ok } from '../../../shared/result.js'
import type { AwardResults } from '../../../shared/methods/awards.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { issueAward, reissueAward, revokeAward } from '../awards/award-actions.js'
import { previewBatch, startBatch } from '../awards/batch.js'
import { exportCredential } from '../awards/export-credential.js'
import { ownStatusListResolver } from '../awards/own-status-resolver.js'
import { verifyCredential } from '../credentials/verify.js'
import { fail } from '../failure.js'

export function awardHandlers(station: Station): Pick<Handlers, keyof AwardResults> {
  return {
    'awards:list': async (input) => {
      const badgeNames = new Map(
        station.initialized
          ? station.catalog.badges.map((b) => [b.id, b.content.name] as const)
          : []
      )
      const emails = input.recipientId ? station.recipients.emailsOf(input.recipientId) : undefined
      return ok(
        station.awards.query({
          ...(input.status ? { status: input.status } : {}),
          ...(input.query ? { query: input.query } : {}),
          ...(input.badgeId ? { badgeId: input.badgeId } : {}),
          ...(emails ? { emails } : {}),
          ...(input.limit !== undefined ? { limit: input.limit } : {}),
          ...(input.offset !== undefined ? { offset: input.offset } : {}),
          badgeNames
        })
      )
    },
    'awards:issue': async (input) => ok(await issueAward(station, input)),
    'awards:revoke': async (input) => ok(revokeAward(station, input)),
    'awards:reissue': async (input) => ok(await reissueAward(station, input)),
    'awards:batchPreview': async (input) => ok(previewBatch(station, input)),
    'awards:batchStart': async (input) => ok(startBatch(station, input)),
    'credentials:get': async (input) => {
      const award = station.awards.view(input.id)
      const credential = station.awards.credential(input.id)
      if (!award || !credential) fail('NOT_FOUND', `There is no award with id "${input.id}".`)
      return ok({ award, credential })
    },
    'credentials:verify': async (input) => {
      const statusListResolver = ownStatusListResolver(station)
      return ok(
        await verifyCredential(input.credential, {
          ...(input.email ? { email: input.email } : {}),
          ...(statusListResolver ? { statusListResolver } : {})
        })
      )
    },
    'credentials:export': async (input) => ok(exportCredential(station, input.id, input.format))
  }
}
