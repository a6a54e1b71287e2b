/** Handlers of sync bundles, station export/merge and keys. */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { ok } from '../../../shared/result.js'
import type { BundleResults } from '../../../shared/methods/bundle.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { fail } from '../failure.js'
import { writeFileAtomic } from '../storage/atomic-write.js'
import { checkBundleDestination, exportBundle } from '../bundle/export-bundle.js'
import { verifyBundleDir } from '../bundle/verify-bundle.js'
import { bundleStatus } from '../bundle/bundle-status.js'
import { exportStation, mergeStation } from '../bundle/station-exchange.js'
import { listKeys } from '../bundle/keys.js'
import { rotateKey } from '../station/key-rotation.js'

export function bundleHandlers(station: Station): Pick<Handlers, keyof BundleResults> {
  return {
    'bundle:export': async (input) => {
      station.requireInitialized()
      // LOCKED now rather than inside the job; an unlock under way is enough (the export plans
      // while the key is derived, and takes it before it writes: Station.signerSoon).
      station.requireSigning()
      const destination = checkBundleDestination(input.out)
      const jobId = station.jobs.start(
        'bundle:export',
        { total: 0, phase: 'bundle', exclusive: true },
        (control) =>
          exportBundle(station, {
            out: input.out,
            format: destination,
            ...(input.full ? { full: true } : {}),
            control
          })
      )
      return ok({ jobId })
    },
    'bundle:verify': async (input) => ok(await verifyBundleDir(input.dir)),
    'bundle:status': async () => {
      station.requireInitialized()
      return ok(await bundleStatus(station))
    },
    'stations:export': async (input) => {
      station.requireInitialized()
      if (existsSync(input.outFile)) {
        fail('DESTINATION_EXISTS', `${input.outFile} exists; choose a new file.`, {
          field: 'outFile'
        })
      }
      const file = await exportStation(station)
      const bytes = Buffer.from(JSON.stringify(file) + '\n', 'utf8')
      await writeFileAtomic(input.outFile, bytes, { mode: 0o600 })
      const awards = file.items.filter((i) => i.type === 'award.issued').length
      return ok({
        file: input.outFile,
        awards,
        revocations: file.items.length - awards,
        bytes: bytes.length
      })
    },
    'stations:merge': async (input) => {
      station.requireInitialized()
      let raw: unknown
      try {
        raw = JSON.parse(await readFile(input.file, 'utf8'))
      } catch {
        fail('UNREADABLE_INPUT', `${input.file} is not a readable station export (JSON).`, {
          field: 'file'
        })
      }
      return ok(await mergeStation(station, raw))
    },
    'keys:list': async () => {
      station.requireInitialized()
      return ok({ keys: listKeys(station) })
    },
    'keys:rotate': async (input) => {
      await rotateKey(station, input.passphrase)
      const keys = listKeys(station)
      const current = keys.find((k) => k.current)
      if (!current) fail('INTERNAL', 'The new key is not in the station’s key list.')
      return ok({ key: current, keys: keys.length })
    }
  }
}
