/** The contract's methods, implemented over one open Station. */
import { ok } from '../../../shared/result.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { KILN_VERSION } from '../version.js'
import { verifyJournal } from '../storage/journal.js'
import { createBackup } from '../storage/backup.js'
import {
  archiveBadge,
  createBadge,
  findBadge,
  listBadges,
  publishBadge,
  toBadge
} from '../badges/badge-service.js'
import { issueAward } from '../awards/issue-award.js'
import { exportCredential } from '../awards/export-credential.js'
import { verifyCredential } from '../credentials/verify.js'
import { fail } from '../failure.js'

export function createHandlers(station: Station, host: 'electron' | 'web' | 'cli'): Handlers {
  return {
    'app:info': async () => ok({ version: KILN_VERSION, host }),
    'station:status': async () => ok(station.status()),
    'station:init': async (input) => ok(await station.init(input)),
    'station:unlock': async (input) => ok(await station.unlock(input.passphrase)),
    'station:lock': async () => ok(station.lock()),
    'audit:verify': async () => {
      station.requireInitialized()
      return ok(verifyJournal(station.paths.journal))
    },
    'badges:list': async () => ok({ badges: listBadges(station) }),
    'badges:get': async (input) => ok(toBadge(station, findBadge(station, input.id))),
    'badges:create': async (input) => ok(await createBadge(station, input)),
    'badges:publish': async (input) => ok(await publishBadge(station, input.id)),
    'badges:archive': async (input) => ok(await archiveBadge(station, input.id)),
    'awards:list': async () => ok({ awards: station.awards.list() }),
    'awards:issue': async (input) => ok(await issueAward(station, input)),
    'credentials:get': async (input) => {
      const award = station.awards.view(input.id)
      const credential = station.awards.credential(input.id)
      if (!award || !credential) fail('NOT_FOUND', `There is no award with id "${input.id}".`)
      return ok({ award, credential })
    },
    'credentials:verify': async (input) =>
      ok(await verifyCredential(input.credential, input.email ? { email: input.email } : {})),
    'credentials:export': async (input) => ok(exportCredential(station, input.id, input.format)),
    'backup:create': async (input) => {
      station.requireInitialized()
      return ok(await createBackup(station.paths.dataDir, input.outFile))
    }
  }
}
