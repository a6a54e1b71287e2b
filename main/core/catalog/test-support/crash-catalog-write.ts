/**
 * Child process for the catalog crash test: opens a station, then renames the issuer; the write
 * kills this process after the new catalog's hash is journaled and before its rename.
 */
import { Station } from '../../station/station.js'
import { updateProfile } from '../../station/update-profile.js'

const [dataDir, name] = process.argv.slice(2)
if (!dataDir || !name) throw new Error('usage: crash-catalog-write <dataDir> <issuer name>')

const station = await Station.open(dataDir, {
  catalogHooks: {
    beforeRename: () => {
      // Writes to a pipe are synchronous on Linux: the parent sees the line before the kill.
      process.stdout.write('journaled\n')
      process.kill(process.pid, 'SIGKILL')
    }
  }
})
await updateProfile(station, { issuerName: name })
process.stdout.write('renamed (the kill did not happen)\n')
