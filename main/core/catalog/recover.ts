/**
 * Checking station.json against the hash the journal recorded last, at open. Equal: fine. A temp
 * file of an interrupted write whose hash is the recorded one: the write is completed (renamed into
 * place). Anything else: the file was changed outside Kiln, and the station refuses to open,
 * changing nothing (STORAGE_CORRUPT with what to do).
 */
import fs from 'node:fs'
import path from 'node:path'
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { fsyncDirSync, isAtomicTempName } from '../storage/atomic-write.js'
import { sha256Hex } from '../storage/journal-lines.js'
import type { RecordedCatalog } from './catalog-hashes.js'
import { readCatalogBytes, type CatalogBytes } from './catalog-file.js'

function tempsOf(file: string): string[] {
  const dir = path.dirname(file)
  const prefix = `.${path.basename(file)}.`
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && isAtomicTempName(name))
    .map((name) => path.join(dir, name))
}

export function changedOutsideKiln(file: string, recorded: RecordedCatalog): KilnFailure {
  return new KilnFailure(
    'STORAGE_CORRUPT',
    `${path.basename(file)} was changed outside Kiln: its SHA-256 is not the one the journal recorded when Kiln last saved it (entry ${recorded.seq}, ${recorded.ts}). ` +
      'Kiln did not open the station and changed nothing. Undo the edit (or restore station.json from a backup), then make the change in Kiln: the issuer, badges and site URL are edited in Settings, Badges, or with the kiln CLI.',
    { path: file, recordedSha256: recorded.sha256, seq: recorded.seq }
  )
}

/**
 * The catalog's bytes once they are the recorded ones (completing an interrupted write if one
 * is waiting). Without a recorded hash (a station from before hashes) the file is taken as it is.
 */
export async function checkedCatalogBytes(
  file: string,
  recorded: RecordedCatalog | undefined
): Promise<CatalogBytes | undefined> {
  const current = await readCatalogBytes(file)
  if (!recorded || current?.sha256 === recorded.sha256) return current
  for (const temp of tempsOf(file)) {
    const bytes = fs.readFileSync(temp)
    if (sha256Hex(bytes) !== recorded.sha256) continue
    fs.renameSync(temp, file)
    fsyncDirSync(path.dirname(file))
    logger.warn(`finished an interrupted save of ${path.basename(file)}`)
    return { bytes, sha256: recorded.sha256 }
  }
  if (!current) return undefined
  throw changedOutsideKiln(file, recorded)
}

/** Temp files of writes that never reached the journal (a crash before it): removed after open. */
export function removeOrphanTemps(file: string): void {
  for (const temp of tempsOf(file)) {
    fs.rmSync(temp, { force: true })
    logger.warn(
      `removed ${path.basename(temp)}, left by a save of ${path.basename(file)} that never finished`
    )
  }
}
