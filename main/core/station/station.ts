/**
 * A station: one data directory, one writer (the lock), the catalog, the journal, the key (locked
 * until unlocked with the passphrase) — and every service of the station, built here and nowhere
 * else (see "Services" below and ARCHITECTURE.md). The private key lives only inside the
 * UnlockedKey; nothing here can read it back.
 */
import { existsSync, mkdirSync } from 'node:fs'
import type { StationStatus } from '../../../shared/types.js'
import type { MethodParsedInput } from '../../../shared/contract.js'
import type { KilnFailure } from '../failure.js'
import { fail } from '../failure.js'
import { logger } from '../logger.js'
import { EventBus } from '../events.js'
import { systemClock, type Clock } from '../clock.js'
import { noHostServices, type HostServices } from '../host-services.js'
import { acquireLock } from '../storage/lock.js'
import { readKeyFile, unlockKey, type UnlockedKey } from '../keys/keystore.js'
import { discardEarlyUnlock, type EarlyUnlock } from '../keys/early-unlock.js'
import { StationJournal } from '../journal/station-journal.js'
import type { JournalEntry, NewEvent } from '../journal/registry.js'
import type { CheckpointedProjection, LineAt } from '../journal/projection.js'
import { CatalogStore } from '../catalog/catalog-store.js'
import { CatalogHashes } from '../catalog/catalog-hashes.js'
import type { SealedWriteHooks } from '../catalog/catalog-file.js'
import { AwardLedger } from '../awards/ledger.js'
import { BatchPlans } from '../awards/batch-plans.js'
import { OutputRegistry } from '../platform/outputs.js'
import { RecipientBook } from '../recipients/book.js'
import { CheckInIndex } from '../checkins/checkin-index.js'
import { JournalIndex } from '../analytics/journal-index.js'
import { JobRegistry } from '../jobs/job-registry.js'
import { AutoRules } from '../rules/auto-run.js'
import { BackupService } from '../backup/backup-service.js'
import { Outbox } from '../delivery/outbox.js'
import { ImportedBadges } from '../delivery/imports/imported-badges.js'
import { DeliveryService } from '../delivery/delivery-service.js'
import { PublishService } from '../publish/publish-service.js'
import { DeskMode } from '../desk/desk-mode.js'
import { IntegrityCheck } from './integrity-check.js'
import { CHECKPOINT_EVERY, StationCheckpoints } from './checkpoints.js'
import { MutationQueue } from './mutation-queue.js'
import type { StationService } from './service.js'
import { stationPaths, type StationPaths } from './paths.js'
import type { StationCatalog } from './catalog-model.js'
import { stationStatus } from './status.js'
import { createStation } from './init-station.js'
import { finishKeyRotation } from './key-rotation.js'
import type { StatusListLimits } from '../status/rollover.js'
import { StatusHolds } from '../awards/status-holds.js'

export type InitInput = MethodParsedInput<'station:init'>

export type StationOptions = Readonly<{
  bus?: EventBus
  host?: HostServices
  /** The app and `kiln serve` (timers, background checks); a CLI command is not. */
  longLived?: boolean
  /** The time awards and revocations are dated with (default: the system clock; tests inject one). */
  clock?: Clock
  /** Test seam: runs between the catalog's journal entry and its rename. */
  catalogHooks?: SealedWriteHooks
  /** Entries after the last checkpoint before a new one is written (default CHECKPOINT_EVERY). */
  checkpointEvery?: number
  /** Test seam: fewer entries per status list (or fewer lists), so lists roll over quickly. */
  statusLists?: Partial<StatusListLimits>
  /** A key derivation the host started before opening (keys/early-unlock.ts): unlock takes it. */
  earlyUnlock?: EarlyUnlock
}>

const NOT_INITIALIZED = 'Run "kiln init" (or the setup screen) first.'
const LOCKED = 'Unlock the station with its passphrase first.'

export class Station {
  readonly paths: StationPaths
  readonly bus: EventBus
  readonly host: HostServices
  readonly longLived: boolean
  /** The time awards and revocations are dated with (tests inject their own). */
  readonly clock: Clock
  readonly #catalogHooks: SealedWriteHooks
  /** Overrides of the status lists' limits (tests); see awards/status-allocation.ts. */
  readonly statusListOverrides: Partial<StatusListLimits>
  #releaseLock: (() => void) | undefined
  #catalog: CatalogStore | undefined
  #journal: StationJournal | undefined
  #key: UnlockedKey | undefined
  /** The key an unlock under way is deriving (scrypt, ≈ 0.4 s); see signerSoon. */
  #unlocking: Promise<UnlockedKey> | undefined
  /** Counts locks (and the close): an unlock whose derivation saw one keeps the station locked. */
  #lockEpoch = 0
  #earlyUnlock: EarlyUnlock | undefined
  readonly #projections: CheckpointedProjection[] = []
  readonly #services: StationService[] = []
  readonly #checkpoints: StationCheckpoints

  // ── Services: declared and built here, in this order, and nowhere else. A new domain (an
  // outbox, a publisher) adds one field and one line below: `this.project(…)` for state derived
  // from the journal, `this.service(…)` for one with a lifecycle (StationService), plain `new`
  // for neither. ──
  /** Every change of the station, in order (mutating methods, job chunks, timers). */
  readonly queue: MutationQueue
  /** Files this process wrote for people (exports, backups): the UI may show their folder. */
  readonly outputs: OutputRegistry
  readonly catalogHashes: CatalogHashes
  readonly awards: AwardLedger
  readonly recipients: RecipientBook
  readonly checkins: CheckInIndex
  readonly journalIndex: JournalIndex
  readonly jobs: JobRegistry
  /** Accepted batch previews waiting for awards:batchStart. */
  readonly batches: BatchPlans
  /** Status-list entries promised to running batches (awards/status-holds.ts). */
  readonly statusHolds: StatusHolds
  readonly autoRules: AutoRules
  readonly backups: BackupService
  readonly integrity: IntegrityCheck
  /** E-mail delivery: the outbox and imported badges (from the journal), the sending service. */
  readonly outbox: Outbox
  readonly importedBadges: ImportedBadges
  readonly delivery: DeliveryService
  /** Publishing the badge site to its targets (jobs, automatic publishing). */
  readonly publisher: PublishService
  /** Desk mode: on and off, and the wrong passphrases in a row (its state is the catalog's). */
  readonly desk: DeskMode

  private constructor(paths: StationPaths, options: StationOptions) {
    this.paths = paths
    this.bus = options.bus ?? new EventBus()
    this.host = options.host ?? noHostServices
    this.longLived = options.longLived ?? false
    this.clock = options.clock ?? systemClock
    this.#catalogHooks = options.catalogHooks ?? {}
    this.#checkpoints = new StationCheckpoints(
      paths.journalCheckpoint,
      paths.journalCounts,
      this.#projections,
      options.checkpointEvery ?? CHECKPOINT_EVERY
    )
    this.statusListOverrides = options.statusLists ?? {}
    this.#earlyUnlock = options.earlyUnlock

    this.queue = new MutationQueue()
    this.outputs = new OutputRegistry()
    this.catalogHashes = this.project(new CatalogHashes())
    this.awards = this.project(new AwardLedger((seq, at) => this.journal.entryAt(seq, at)))
    this.recipients = this.project(new RecipientBook())
    this.checkins = this.project(new CheckInIndex())
    this.journalIndex = this.project(new JournalIndex())
    this.jobs = this.service(new JobRegistry(this.bus, this.queue))
    this.batches = new BatchPlans()
    this.statusHolds = new StatusHolds()
    this.autoRules = this.service(new AutoRules(this))
    this.backups = this.service(new BackupService(this))
    this.integrity = this.service(new IntegrityCheck(this))
    this.outbox = this.project(new Outbox())
    this.importedBadges = this.project(new ImportedBadges())
    this.delivery = this.service(new DeliveryService(this))
    this.publisher = this.service(new PublishService(this))
    this.desk = new DeskMode(this)
  }

  private project<P extends CheckpointedProjection>(projection: P): P {
    this.#projections.push(projection)
    return projection
  }

  private service<S extends StationService>(service: S): S {
    this.#services.push(service)
    return service
  }

  /** Opens (and locks) a data directory; an empty one opens as "not initialised". */
  static async open(dataDir: string, options: StationOptions = {}): Promise<Station> {
    const paths = stationPaths(dataDir)
    mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 })
    const station = new Station(paths, options)
    station.#releaseLock = acquireLock(paths.dataDir).release
    try {
      if (existsSync(paths.catalog)) await station.#load()
    } catch (error) {
      station.#closeStorage()
      throw error
    }
    if (station.initialized) station.#opened()
    return station
  }

  /**
   * The journal first (its chain checked, every entry fed to the projections), then station.json
   * checked against the hash the journal recorded and migrated; only then is anything written.
   */
  async #load(): Promise<void> {
    if (!existsSync(this.paths.journal)) {
      fail(
        'JOURNAL_CORRUPT',
        'journal.ndjson is missing although station.json exists; restore a backup. Kiln changed nothing.',
        { path: this.paths.journal }
      )
    }
    const journal = this.#openJournal()
    this.#journal = journal
    // Small projections take their saved state now; the ledger and the book on first use.
    for (const p of this.#projections) if (!p.lazy) p.ready()
    this.#checkpoints.opened(journal)
    if (journal.count === 0) {
      fail(
        'JOURNAL_CORRUPT',
        'journal.ndjson is empty although station.json exists; restore a backup. Kiln changed nothing.',
        { path: this.paths.journal }
      )
    }
    if (!existsSync(this.paths.key)) {
      fail('STORAGE_CORRUPT', 'key.json is missing from the data directory; restore a backup.')
    }
    const catalog = await CatalogStore.load(this.#catalogOptions(journal), this.catalogHashes.last)
    if (!catalog) fail('STORAGE_CORRUPT', 'station.json disappeared while Kiln opened it.')
    if (catalog.data.stationId !== journal.stationId) {
      fail(
        'STORAGE_CORRUPT',
        `station.json names station ${catalog.data.stationId}, but the journal belongs to ${journal.stationId ?? 'no station'}; restore a backup. Kiln changed nothing.`,
        { path: this.paths.catalog }
      )
    }
    this.#catalog = catalog
    await finishKeyRotation(this)
    journal.seal()
  }

  #openJournal(stationId?: string): StationJournal {
    const resume = stationId ? undefined : this.#checkpoints.resumePoint()
    return StationJournal.open({
      file: this.paths.journal,
      sealFile: this.paths.journalSeal,
      ...(stationId ? { stationId } : {}),
      ...(resume ? { resume } : {}),
      onStart: (resumedAt) => this.#checkpoints.started(resumedAt, () => this.journal),
      onWarning: (message) => logger.warn(message),
      onEntry: (entry, at) => this.#apply(entry, at)
    })
  }

  #catalogOptions(journal: StationJournal) {
    return { file: this.paths.catalog, journal, hooks: this.#catalogHooks }
  }

  /** Every entry, read at open or appended later, reaches every projection in order. */
  #apply(entry: JournalEntry, at: LineAt): void {
    for (const projection of this.#projections) projection.apply(entry, at)
    this.#checkpoints.applied(at)
    if (this.longLived && this.#journal) {
      this.#checkpoints.schedule(() => (this.queue.refusal ? undefined : this.#journal))
    }
  }

  /** Writes the checkpoint now if enough entries came since the last (close and lock do). */
  checkpoint(options: Readonly<{ force?: boolean }> = {}): void {
    const journal = this.#journal
    if (!journal || this.queue.refusal) return
    if (options.force) this.#checkpoints.write(journal)
    else this.#checkpoints.maybeWrite(journal)
    this.#checkpoints.writeCountsIfKnown(journal)
  }

  #opened(): void {
    for (const s of this.#services) s.opened?.()
  }

  get initialized(): boolean {
    return this.#catalog !== undefined
  }

  get locked(): boolean {
    return this.#key === undefined
  }

  requireInitialized(): void {
    if (!this.#catalog) fail('NOT_INITIALIZED', NOT_INITIALIZED)
  }

  /** The catalog (throws NOT_INITIALIZED before setup). */
  get catalog(): StationCatalog {
    if (!this.#catalog) fail('NOT_INITIALIZED', NOT_INITIALIZED)
    return this.#catalog.data
  }

  get journal(): StationJournal {
    if (!this.#journal) fail('NOT_INITIALIZED', NOT_INITIALIZED)
    return this.#journal
  }

  /** The signer; LOCKED until the passphrase is given. */
  get signer(): UnlockedKey {
    if (!this.initialized) fail('NOT_INITIALIZED', NOT_INITIALIZED)
    if (!this.#key) fail('LOCKED', LOCKED)
    return this.#key
  }

  /**
   * LOCKED unless the station is unlocked or an unlock is deriving its key: a job that signs
   * only late (an export signs its manifest after planning and rendering) starts while the
   * passphrase is still being checked, and takes the key with signerSoon when it needs it.
   */
  requireSigning(): void {
    if (!this.initialized) fail('NOT_INITIALIZED', NOT_INITIALIZED)
    if (!this.#key && !this.#unlocking) fail('LOCKED', LOCKED)
  }

  /**
   * The signer, once the unlock under way (if any) has derived it; LOCKED when the station is
   * locked and no unlock is under way, or that unlock fails (its own call reports why) or is
   * overtaken by a lock. Call requireSigning first to fail before starting work.
   */
  async signerSoon(): Promise<UnlockedKey> {
    if (!this.#key && this.#unlocking) {
      // The unlock's own continuation (which sets the key) runs before this one.
      await this.#unlocking.catch(() => undefined)
    }
    return this.signer
  }

  /**
   * Writes the catalog; its hash (and `events`, what the change was) are journaled in one commit
   * before the new file is renamed into place. On failure memory matches disk again.
   */
  async saveCatalog(events: readonly NewEvent[] = []): Promise<void> {
    if (!this.#catalog) fail('NOT_INITIALIZED', NOT_INITIALIZED)
    await this.#catalog.save(events)
  }

  async init(input: InitInput): Promise<StationStatus> {
    if (this.initialized) {
      fail('ALREADY_INITIALIZED', `${this.paths.dataDir} already holds a station.`)
    }
    await createStation(this, input, {
      openJournal: (stationId) => {
        this.#journal = this.#openJournal(stationId)
        return this.#journal
      },
      createCatalog: async (journal, catalog) => {
        this.#catalog = await CatalogStore.create(this.#catalogOptions(journal), catalog)
      }
    })
    await this.#setKey(
      await unlockKey(await readKeyFile(this.paths.key), input.passphrase),
      input.passphrase
    )
    this.#opened()
    this.bus.emit('data:changed', { domain: 'station' })
    return this.status()
  }

  /**
   * Checks the passphrase against key.json and keeps the key. The derivation runs outside the
   * mutation queue (station:unlock is a 'connects' method), so changes and job chunks go on
   * meanwhile; from the call on, requireSigning passes and signerSoon waits for the key. A
   * station that was locked takes the key at once (nothing can be signing with no key); one
   * already unlocked replaces it in the queue, so a key never changes under a chunk that signs.
   * A lock (or the close) while deriving wins: the new key is dropped.
   */
  async unlock(passphrase: string): Promise<StationStatus> {
    if (!this.initialized) fail('NOT_INITIALIZED', NOT_INITIALIZED)
    const epoch = this.#lockEpoch
    const deriving = this.#deriveKey(passphrase)
    this.#unlocking = deriving
    let key: UnlockedKey
    try {
      key = await deriving
    } finally {
      if (this.#unlocking === deriving) this.#unlocking = undefined
    }
    if (epoch !== this.#lockEpoch) {
      key.lock()
      return this.status()
    }
    if (this.#key) {
      await this.queue.run(() => this.#setKey(key, passphrase), { evenWhenRefused: true })
    } else await this.#setKey(key, passphrase)
    this.bus.emit('station:lock-changed', { locked: false })
    return this.status()
  }

  /** The key the passphrase opens (the early derivation's when it matches), checked. */
  async #deriveKey(passphrase: string): Promise<UnlockedKey> {
    const expected = this.catalog.keys.at(-1)?.publicKeyMultibase
    const key =
      (await this.#takeEarlyUnlock(passphrase, expected)) ??
      (await unlockKey(await readKeyFile(this.paths.key), passphrase))
    if (expected && key.publicKeyMultibase !== expected) {
      key.lock()
      fail('STORAGE_CORRUPT', 'key.json does not hold the key recorded in station.json.')
    }
    return key
  }

  /**
   * The early derivation's key (or its failure) if it used this passphrase and the key file the
   * station names; undefined otherwise (a rotation finished at open, another passphrase), and
   * the ordinary unlock reads key.json again. Taken once.
   */
  async #takeEarlyUnlock(
    passphrase: string,
    expected: string | undefined
  ): Promise<UnlockedKey | undefined> {
    const early = this.#earlyUnlock
    if (!early) return undefined
    this.#earlyUnlock = undefined
    if (early.publicKeyMultibase !== expected || !early.uses(passphrase)) {
      discardEarlyUnlock(early)
      return undefined
    }
    return early.key
  }

  /** Replaces the unlocked key (setup, unlock, rotation); services learn of the passphrase. */
  async replaceKey(key: UnlockedKey, passphrase: string): Promise<void> {
    await this.#setKey(key, passphrase)
  }

  async #setKey(key: UnlockedKey, passphrase: string): Promise<void> {
    this.#key?.lock()
    this.#key = key
    for (const s of this.#services) s.unlocked?.(passphrase)
  }

  lock(): StationStatus {
    this.#lockEpoch++
    if (this.#key) {
      this.#key.lock()
      this.#key = undefined
      for (const s of this.#services) s.locked?.()
      this.checkpoint()
      this.bus.emit('station:lock-changed', { locked: true })
    }
    return this.status()
  }

  status(): StationStatus {
    return stationStatus(this, this.#catalog?.data)
  }

  /**
   * Damage found after open (the background chain check): every change is refused from now on,
   * with this error, and screens showing the station refresh to say so.
   */
  refuseWrites(failure: KilnFailure): void {
    if (this.queue.refusal) return
    this.queue.refuse(failure)
    this.#journal?.refuse(failure)
    logger.error(`the station refuses changes: ${failure.message}`)
    this.bus.emit('data:changed', { domain: 'station' })
  }

  /** Settles every service (pending rules run, running jobs, queued changes), then closes. */
  async close(): Promise<void> {
    for (const s of this.#services) {
      try {
        await s.settle?.()
      } catch (error) {
        logger.warn('a station service failed to settle', error)
      }
    }
    await this.queue.idle()
    this.checkpoint()
    this.#closeStorage()
  }

  #closeStorage(): void {
    this.#checkpoints.cancel()
    for (const s of this.#services) {
      try {
        s.close?.()
      } catch (error) {
        logger.warn('a station service failed to close', error)
      }
    }
    this.#lockEpoch++
    this.#key?.lock()
    this.#key = undefined
    if (this.#earlyUnlock) discardEarlyUnlock(this.#earlyUnlock)
    this.#earlyUnlock = undefined
    this.#journal?.close()
    this.#journal = undefined
    this.#releaseLock?.()
    this.#releaseLock = undefined
  }
}
