/** Handlers of the station domain: setup, lock, profile, audit, backups, and what the host does. */
import { ok } from '../../../shared/result.js'
import type { Handlers } from '../dispatcher.js'
import type { StationResults } from '../../../shared/methods/station.js'
import type { Station } from '../station/station.js'
import { KILN_VERSION } from '../version.js'
import { fingerprint, readKeyFile, unlockKey } from '../keys/keystore.js'
import { verifyJournalAsync } from '../storage/verify-journal.js'
import { updateProfile } from '../station/update-profile.js'
import { checkFolder, exportPath, readOutput } from '../platform/host-files.js'
import { logFileOf } from '../logging/rotating-file.js'

export function stationHandlers(
  station: Station,
  host: 'electron' | 'web' | 'cli'
): Pick<Handlers, keyof StationResults> {
  const backups = station.backups
  return {
    'app:info': async () =>
      ok({ version: KILN_VERSION, host, logFile: logFileOf(station.paths.dataDir) }),
    'station:status': async () => ok(station.status()),
    'station:init': async (input) => ok(await station.init(input)),
    // In desk mode: no passphrase check while unlocked, and the desk's delay after wrong tries.
    'station:unlock': async (input) =>
      ok(
        await (station.desk.state
          ? station.desk.unlock(input.passphrase)
          : station.unlock(input.passphrase))
      ),
    'station:lock': async () => ok(station.lock()),
    'station:updateProfile': async (input) => {
      station.requireInitialized()
      return ok(await updateProfile(station, input))
    },
    'station:exportKey': async (input) => {
      station.requireInitialized()
      const keyFile = await readKeyFile(station.paths.key)
      const key = await unlockKey(keyFile, input.passphrase)
      const print = fingerprint(key.publicKey)
      key.lock()
      station.journal.append({
        type: 'key.exported',
        data: { publicKeyMultibase: keyFile.publicKeyMultibase }
      })
      return ok({
        fileName: `kiln-key-${station.catalog.stationId}.json`,
        keyJson: JSON.stringify(keyFile, null, 2) + '\n',
        fingerprint: print
      })
    },
    'audit:verify': async () => {
      station.requireInitialized()
      return ok(
        await verifyJournalAsync(station.paths.journal, { sealFile: station.paths.journalSeal })
      )
    },
    'backup:create': async (input) => {
      station.requireInitialized()
      return ok(await backups.create(input.outFile))
    },
    'backup:settings': async (input) => {
      station.requireInitialized()
      if (Object.keys(input).length > 0) await backups.updateSettings(input)
      return ok(await backups.view())
    },
    'backup:list': async () => {
      station.requireInitialized()
      return ok(await backups.list())
    },
    'host:revealPath': async (input) =>
      station.host.revealPath(station.outputs.check(input.path, station.paths.dataDir)),
    'host:pickFolder': async (input) =>
      station.host.pickFolder({ title: input.title ?? 'Choose a folder' }),
    'host:openUrl': async (input) => station.host.openUrl(input.url),
    'host:checkFolder': async (input) => ok(checkFolder(input.path, input.forFile === true)),
    'host:readOutput': async (input) => ok(await readOutput(station, input.path)),
    'host:exportPath': async (input) => {
      station.requireInitialized()
      return ok({ path: exportPath(station, input.fileName) })
    }
  }
}
