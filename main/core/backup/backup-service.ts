/**
 * Backups of an open station: settings in station.json, manual backups to a file or the
 * folder, and (in the app and `kiln serve`) a timer that writes one every N hours while the
 * station is open, keeping the last K. Backups are sealed with the passphrase: at unlock the
 * station derives a backup key from it (never stores the passphrase; a CLI command derives it
 * only when it backs up, see unlocked()); while locked, scheduled backups wait and say so. A
 * backup is a change (it journals `backup.created` and must see the catalog and journal of one
 * moment), so it runs in the mutation queue.
 */
import path from 'node:path'
import type {
  BackupCreated,
  BackupListEntry,
  BackupSettings,
  BackupSettingsView
} from '../../../shared/methods/station.js'
import { fail, KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { readKeyFile } from '../keys/keystore.js'
import type { Station } from '../station/station.js'
import type { StationService } from '../station/service.js'
import { writeEncryptedBackup } from './backup-files.js'
import {
  backupFileName,
  checkBackupFolder,
  listBackupFiles,
  pruneBackups
} from './backup-folder.js'
import { deriveBackupSecret, type BackupSecret } from './encrypted-backup.js'

export type BackupSettingsPatch = Readonly<{
  folder?: string | null
  intervalHours?: number | null
  keep?: number | null
}>

const HOUR = 3_600_000

/** How often the app and `kiln serve` check whether a scheduled backup is due. */
function backupTickMs(): number {
  const raw = Number(process.env.KILN_BACKUP_TICK_MS)
  return Number.isInteger(raw) && raw >= 1000 ? raw : 60_000
}

export class BackupService implements StationService {
  private readonly station: Station
  private secret: BackupSecret | undefined
  private pending: Promise<BackupSecret | undefined> | undefined
  /** A CLI command's unlock: derives the backup key when first needed (see unlocked). */
  private deferred: (() => void) | undefined
  private generation = 0
  private timer: NodeJS.Timeout | undefined
  private running = false
  private lastError: string | undefined
  private lastBackupAt: string | undefined

  constructor(station: Station) {
    this.station = station
  }

  /** Scheduled backups run while a long-lived host holds the station, never in one CLI command. */
  opened(): void {
    if (this.station.longLived) this.start(backupTickMs())
  }

  /**
   * The app and `kiln serve` derive the backup key at once (a scheduled backup may come any
   * time). One CLI command derives it only if it backs up (`kiln backup`): a second scrypt
   * (≈ 0.5 s of CPU, 128 MB) beside every award would be wasted. Until then the passphrase —
   * which that command holds anyway — waits in a closure, dropped at lock or close.
   */
  unlocked(passphrase: string): void {
    if (this.station.longLived) this.rememberPassphrase(passphrase)
    else {
      this.forget()
      this.deferred = () => this.rememberPassphrase(passphrase)
    }
  }

  locked(): void {
    this.forget()
  }

  close(): void {
    this.stop()
  }

  /** Derives the backup key from the passphrase just verified by unlock/init (in the background). */
  rememberPassphrase(passphrase: string): void {
    this.forget()
    const generation = this.generation
    this.pending = readKeyFile(this.station.paths.key)
      .then((file) => deriveBackupSecret(passphrase, file.kdf.N))
      .then((secret) => {
        if (generation !== this.generation) {
          secret.key.fill(0)
          return undefined
        }
        this.secret = secret
        return secret
      })
      .catch((error: unknown) => {
        // After a lock or close nobody waits for this key any more.
        if (generation === this.generation) logger.warn('could not prepare the backup key', error)
        return undefined
      })
  }

  forget(): void {
    this.deferred = undefined
    this.generation++
    this.secret?.key.fill(0)
    this.secret = undefined
    this.pending = undefined
  }

  private async currentSecret(): Promise<BackupSecret | undefined> {
    if (this.secret) return this.secret
    const deferred = this.deferred
    this.deferred = undefined
    deferred?.()
    return this.pending ? await this.pending : undefined
  }

  settings(): BackupSettings {
    return this.station.catalog.settings?.backup ?? {}
  }

  async view(): Promise<BackupSettingsView> {
    const settings = this.settings()
    let last = this.lastBackupAt
    if (settings.folder) {
      // An unreadable folder must not hide the settings that would fix it.
      const files = await listBackupFiles(settings.folder, this.station.catalog.stationId).catch(
        () => []
      )
      const newest = files[0]
      if (newest && (!last || newest.createdAt > last)) last = newest.createdAt
    }
    // With no backup yet, one is due now (the scheduler writes it within a minute).
    const next =
      settings.folder && settings.intervalHours
        ? new Date(last ? Date.parse(last) + settings.intervalHours * HOUR : Date.now())
        : undefined
    return {
      settings,
      canBackUp: (await this.currentSecret()) !== undefined,
      ...(last ? { lastBackupAt: last } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(next ? { nextDueAt: next.toISOString() } : {})
    }
  }

  async updateSettings(patch: BackupSettingsPatch): Promise<BackupSettings> {
    const next: { folder?: string; intervalHours?: number; keep?: number } = { ...this.settings() }
    if (patch.folder !== undefined) {
      if (patch.folder === null) delete next.folder
      else next.folder = checkBackupFolder(patch.folder, this.station.paths.dataDir)
    }
    if (patch.intervalHours !== undefined) {
      if (patch.intervalHours === null) delete next.intervalHours
      else next.intervalHours = patch.intervalHours
    }
    if (patch.keep !== undefined) {
      if (patch.keep === null) delete next.keep
      else next.keep = patch.keep
    }
    const catalog = this.station.catalog
    catalog.settings = { ...catalog.settings, backup: next }
    await this.station.saveCatalog()
    this.lastError = undefined
    this.station.bus.emit('data:changed', { domain: 'station' })
    return next
  }

  async create(outFile?: string, scheduled = false): Promise<BackupCreated> {
    this.station.requireInitialized()
    const secret = await this.currentSecret()
    if (!secret) {
      fail('LOCKED', 'Backups are encrypted with the station passphrase: unlock the station first.')
    }
    const settings = this.settings()
    const { stationId } = this.station.catalog
    let target = outFile
    if (!target) {
      if (!settings.folder) {
        fail(
          'INVALID_INPUT',
          'Choose a backup folder in Settings first (or give a file to write).',
          {
            field: 'folder'
          }
        )
      }
      target = path.join(settings.folder, backupFileName(stationId, new Date()))
    }
    const written = await writeEncryptedBackup(this.station.paths.dataDir, target, secret)
    this.station.outputs.remember(written.file)
    const inFolder =
      settings.folder !== undefined && path.dirname(written.file) === path.resolve(settings.folder)
    const removed =
      inFolder && settings.keep
        ? await pruneBackups(settings.folder ?? '', stationId, settings.keep)
        : []
    this.station.journal.append({
      type: 'backup.created',
      data: {
        file: path.basename(written.file),
        bytes: written.bytes,
        sha256: written.sha256,
        scheduled,
        removed
      }
    })
    this.lastBackupAt = written.createdAt
    this.lastError = undefined
    return { ...written, removed }
  }

  async list(): Promise<{ folder?: string; files: BackupListEntry[] }> {
    const { folder } = this.settings()
    if (!folder) return { files: [] }
    const files = await listBackupFiles(folder, this.station.catalog.stationId)
    return {
      folder,
      files: files.map(({ name, file, bytes, createdAt }) => ({ name, file, bytes, createdAt }))
    }
  }

  /** One scheduler step: writes a backup when one is due. Returns what it did. */
  async runDue(now = new Date()): Promise<'written' | 'not-due' | 'locked' | 'failed' | 'off'> {
    if (this.running || !this.isOpen()) return 'off'
    const { folder, intervalHours } = this.settings()
    if (!folder || !intervalHours) return 'off'
    this.running = true
    try {
      const newest = (await listBackupFiles(folder, this.station.catalog.stationId))[0]
      const last = Math.max(
        newest ? Date.parse(newest.createdAt) : 0,
        Date.parse(this.lastBackupAt ?? '') || 0
      )
      if (last && now.getTime() - last < intervalHours * HOUR) return 'not-due'
      if (!(await this.currentSecret())) {
        this.lastError =
          'A scheduled backup is waiting: the station is locked (unlock it to back up).'
        return 'locked'
      }
      await this.station.queue.run(() => this.create(undefined, true))
      return 'written'
    } catch (error) {
      this.lastError =
        error instanceof KilnFailure
          ? `The scheduled backup failed: ${error.message}`
          : 'The scheduled backup failed; see the station log.'
      logger.warn('scheduled backup failed', error)
      return 'failed'
    } finally {
      this.running = false
    }
  }

  private isOpen(): boolean {
    if (!this.station.initialized) return false
    try {
      void this.station.journal
      return true
    } catch {
      return false
    }
  }

  /** Checks every `tickMs` whether a backup is due (unref'd: never keeps the process alive). */
  start(tickMs = 60_000): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.runDue(), tickMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    this.forget()
  }
}
