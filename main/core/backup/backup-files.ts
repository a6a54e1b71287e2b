/**
 * Writing encrypted backups (kiln-backup/2) and restoring either format: a kiln-backup/2 file
 * is decrypted with the passphrase, then checked like any archive (every file's SHA-256, the
 * journal chain, key.json) and, with a passphrase, the key must unlock and be the station's
 * current key. Only then is anything written, and never over a station unless forced.
 */
import { createHash } from 'node:crypto'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { KilnFailure } from '../failure.js'
import { unlockKey } from '../keys/keystore.js'
import { writeFileAtomic } from '../storage/atomic-write.js'
import {
  buildBackupZip,
  checkArchiveBytes,
  Invalid,
  refuseExisting,
  restoreVerified,
  type RestoreSummary,
  type VerifiedBackup
} from '../storage/backup.js'
import {
  BackupFormatError,
  isEncryptedBackup,
  openBackup,
  sealBackup,
  type BackupSecret
} from './encrypted-backup.js'

export type WrittenBackup = Readonly<{
  file: string
  bytes: number
  files: number
  sha256: string
  createdAt: string
  format: 'kiln-backup/2'
}>

export async function writeEncryptedBackup(
  dataDir: string,
  outFile: string,
  secret: BackupSecret
): Promise<WrittenBackup> {
  const out = path.resolve(outFile)
  refuseExisting(out)
  const { zip, manifest, files } = await buildBackupZip(dataDir, out)
  const sealed = sealBackup(zip, secret, {
    stationId: manifest.stationId,
    createdAt: manifest.createdAt
  })
  await fsp.mkdir(path.dirname(out), { recursive: true })
  await writeFileAtomic(out, sealed, { mode: 0o600 })
  return {
    file: out,
    bytes: sealed.length,
    files,
    sha256: createHash('sha256').update(sealed).digest('hex'),
    createdAt: manifest.createdAt,
    format: 'kiln-backup/2'
  }
}

function invalid(file: string, why: string): KilnFailure {
  return new KilnFailure('BACKUP_INVALID', `The backup cannot be restored: ${why}.`, { path: file })
}

/** Reads, decrypts (kiln-backup/2) and verifies a backup file; writes nothing. */
export async function readVerifiedBackup(
  file: string,
  passphrase: string | undefined
): Promise<VerifiedBackup & { format: 'kiln-backup/1' | 'kiln-backup/2' }> {
  let bytes: Uint8Array
  try {
    bytes = await fsp.readFile(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error'
    throw new KilnFailure('UNREADABLE_INPUT', `${file} cannot be read (${code}).`, { path: file })
  }
  const encrypted = isEncryptedBackup(bytes)
  if (encrypted) {
    if (passphrase === undefined) {
      throw new KilnFailure(
        'LOCKED',
        'This backup is encrypted: give the station passphrase (KILN_PASSPHRASE or the terminal).',
        { field: 'passphrase' }
      )
    }
    try {
      bytes = await openBackup(bytes, passphrase)
    } catch (e) {
      if (e instanceof BackupFormatError) throw invalid(file, e.message)
      throw e
    }
  }
  let verified: VerifiedBackup
  try {
    verified = await checkArchiveBytes(bytes)
  } catch (e) {
    if (e instanceof Invalid) throw invalid(file, e.message)
    throw e
  }
  if (passphrase !== undefined) await checkKey(file, verified, passphrase)
  return { ...verified, format: encrypted ? 'kiln-backup/2' : 'kiln-backup/1' }
}

/** The archived key unlocks with the passphrase and is the key station.json names as current. */
async function checkKey(file: string, verified: VerifiedBackup, passphrase: string): Promise<void> {
  const keyBytes = verified.files.get('key.json')
  const stationBytes = verified.files.get('station.json')
  if (!keyBytes || !stationBytes) throw invalid(file, 'station.json or key.json is missing')
  const catalog = JSON.parse(Buffer.from(stationBytes).toString('utf8')) as {
    keys?: ReadonlyArray<{ publicKeyMultibase?: unknown }>
  }
  const expected = Array.isArray(catalog.keys) ? catalog.keys.at(-1)?.publicKeyMultibase : undefined
  const key = await unlockKey(JSON.parse(Buffer.from(keyBytes).toString('utf8')), passphrase)
  const actual = key.publicKeyMultibase
  key.lock()
  if (typeof expected !== 'string' || expected !== actual) {
    throw invalid(file, 'key.json does not hold the key station.json names as current')
  }
}

export async function restoreBackupFile(
  file: string,
  dataDir: string,
  options: Readonly<{ force?: boolean; passphrase?: string }> = {}
): Promise<RestoreSummary & { format: 'kiln-backup/1' | 'kiln-backup/2' }> {
  const verified = await readVerifiedBackup(file, options.passphrase)
  const summary = await restoreVerified(verified, dataDir, { force: Boolean(options.force) })
  return { ...summary, format: verified.format }
}
