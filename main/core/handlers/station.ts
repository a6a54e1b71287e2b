/** Handlers of the station domain. */
import { ok } from '../../../shared/result.js'
import type { Handlers } from '../dispatcher.js'
import type { StationResults } from '../../../shared/methods/station.js'
import type { Station } from '../station/station.js'
import { KILN_VERSION } from '../version.js'
import { verifyJournal } from '../storage/journal.js'
import { createBackup } from '../storage/backup.js'

export function stationHandlers(
  station: Station,
  host: 'electron' | 'web' | 'cli'
): Pick<Handlers, keyof StationResults> {
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
    'backup:create': async (input) => {
      station.requireInitialized()
      return ok(await createBackup(station.paths.dataDir, input.outFile))
    }
  }
}
