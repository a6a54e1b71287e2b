/** A copy of a station written by an earlier Kiln (test/fixtures/legacy-station) in a temp folder. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../../../../test/vendor-paths.js'

export const LEGACY_PASSPHRASE = 'legacy passphrase 123'

export function legacyStationCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-legacy-'))
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'legacy-station'), dir, { recursive: true })
  return dir
}

export const MAIN_STATION_PASSPHRASE = 'main-era passphrase 1'

/** A copy of the station written by main just before the core merge (test/fixtures/main-station). */
export function mainStationCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-main-era-'))
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'main-station'), dir, { recursive: true })
  return dir
}
