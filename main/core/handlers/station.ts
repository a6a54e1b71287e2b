/** Handlers of the station domain: setup, lock, profile, audit, backups. */
import { ok } from '../../../shared/result.js'
import type { Handlers } from '../dispatcher.js'
import type { StationResults } from '../../../shared/methods/station.js'
import type { Station } from '../station/station.js'
import { KILN_VERSION } from '../version.js'
import { fail } from '../failure.js'
import { fingerprint, readKeyFile, unlockKey } from '../keys/keystore.js'
import { verifyJournal } from '../storage/journal.js'
import { updateProfile } from '../station/update-profile.js'
import { BackupService } from '../backup/backup-service.js'
import { systemReveal, type Reveal } from '../platform/reveal.js'
import { checkFolder, exportPath, readOutput } from '../platform/host-files.js'
import { logFileOf } from '../logging/rotating-file.js'

/** How often the app and `kiln serve` check whether a scheduled backup is due. */
function backupTickMs(): number {
  const raw = Number(process.env.KILN_BACKUP_TICK_MS)
  return Number.isInteger(raw) && raw >= 1000 ? raw : 60_000
}

export function stationHandlers(
  station: Station,
  host: 'electron' | 'web' | 'cli',
  reveal: Reveal = systemReveal
): Pick<Handlers, keyof StationResults> {
  const backups = new BackupService(station)
  // Scheduled backups run while a long-lived host holds the station, never in one CLI command.
  if (host !== 'cli') {
    backups.start(backupTickMs())
    station.onClose(() => backups.stop())
  }

  return {
    'app:info': async () =>
      ok({ version: KILN_VERSION, host, logFile: logFileOf(station.paths.dataDir) }),
    'station:status': async () => ok(station.status()),
    'station:init': async (input) => {
      const status = await station.init(input)
      backups.rememberPassphrase(input.passphrase)
      return ok(status)
    },
    'station:unlock': async (input) => {
      const status = await station.unlock(input.passphrase)
      backups.rememberPassphrase(input.passphrase)
      return ok(status)
    },
    'station:lock': async () => {
      backups.forget()
      return ok(station.lock())
    },
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
      station.journal.append('key.exported', { publicKeyMultibase: keyFile.publicKeyMultibase })
      return ok({
        fileName: `kiln-key-${station.catalog.stationId}.json`,
        keyJson: JSON.stringify(keyFile, null, 2) + '\n',
        fingerprint: print
      })
    },
    'audit:verify': async () => {
      station.requireInitialized()
      return ok(verifyJournal(station.paths.journal))
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
    'host:revealPath': async (input) => {
      const target = station.outputs.check(input.path, station.paths.dataDir)
      try {
        await reveal(target)
      } catch (error) {
        fail('INTERNAL', `The folder could not be opened: ${(error as Error).message}.`)
      }
      return ok({ shown: target })
    },
    'host:checkFolder': async (input) => ok(checkFolder(input.path, input.forFile === true)),
    'host:readOutput': async (input) => ok(await readOutput(station, input.path)),
    'host:exportPath': async (input) => {
      station.requireInitialized()
      return ok({ path: exportPath(station, input.fileName) })
    },
    'host:pickFolder': async () =>
      fail(
        'UNKNOWN_METHOD',
        'Choosing a folder with a dialog needs the desktop app; type the folder’s full path instead.'
      )
  }
}
