/**
 * station.json on disk: reading its bytes (and their SHA-256), parsing them, and the sealed write.
 * A write is ordered so that the journal always knows the catalog's hash, whatever crashes:
 * the new file is written and fsynced under a temp name, then its hash is journaled (fsynced),
 * then it is renamed into place and the folder fsynced. A crash after the journal entry leaves the
 * temp file with the recorded hash, which the next open renames into place (recover.ts).
 */
import fsp from 'node:fs/promises'
import path from 'node:path'
import { KilnFailure } from '../failure.js'
import { fsyncDir, renameWithRetry, tempPathFor } from '../storage/atomic-write.js'
import { isDiskFull, diskFull } from '../storage/disk-full.js'
import { sha256Hex } from '../storage/journal-lines.js'
import { describeJsonError } from '../storage/json-error.js'

export type CatalogBytes = Readonly<{ bytes: Buffer; sha256: string }>

export async function readCatalogBytes(file: string): Promise<CatalogBytes | undefined> {
  let bytes: Buffer
  try {
    bytes = await fsp.readFile(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
  return { bytes, sha256: sha256Hex(bytes) }
}

/** The parsed JSON object, or STORAGE_CORRUPT that says where the text goes wrong. */
export function parseCatalogJson(file: string, bytes: Buffer): Record<string, unknown> {
  const raw = bytes.toString('utf8')
  // A byte-order mark is what some editors put in front of a hand-edited file.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new KilnFailure(
      'STORAGE_CORRUPT',
      `${path.basename(file)} is not valid JSON (${describeJsonError(e, text)}); Kiln did not change it.`,
      { path: file }
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KilnFailure(
      'STORAGE_CORRUPT',
      `${path.basename(file)} is not a Kiln station file; Kiln did not change it.`,
      { path: file }
    )
  }
  return { ...value }
}

export function catalogText(data: unknown): Buffer {
  return Buffer.from(JSON.stringify(data, null, 2) + '\n', 'utf8')
}

export type SealedWriteHooks = Readonly<{
  /** Runs after the journal entry, before the rename (tests stop the process here). */
  beforeRename?: (tempFile: string) => void
}>

/**
 * Writes `bytes` as station.json: temp + fsync → `record()` (journal the hash, fsynced) → rename →
 * folder fsync. If the rename fails after the journal entry, `revert()` journals the old hash
 * again; if even that fails, the temp file stays so the next open can complete the write.
 */
export async function writeSealedCatalog(
  file: string,
  bytes: Buffer,
  record: () => void,
  revert: () => void,
  hooks: SealedWriteHooks = {}
): Promise<void> {
  const temp = tempPathFor(file)
  const removeTemp = (): Promise<void> => fsp.rm(temp, { force: true }).catch(() => undefined)
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fsp.open(temp, 'wx', 0o600)
    await handle.writeFile(bytes)
    await handle.sync()
    await handle.close()
    handle = undefined
    record()
  } catch (e) {
    await handle?.close().catch(() => undefined)
    await removeTemp()
    if (isDiskFull(e)) throw diskFull('station.json', 'the catalog was not changed.')
    throw e
  }
  hooks.beforeRename?.(temp)
  try {
    await renameWithRetry(temp, file)
  } catch (e) {
    try {
      revert()
      await removeTemp()
    } catch {
      // The journal names the new file's hash: leave the file for the next open to finish.
    }
    throw e
  }
  await fsyncDir(path.dirname(file))
}
