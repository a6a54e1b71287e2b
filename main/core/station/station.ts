/**
 * A station: one data directory, one writer (the lock), the catalog, the journal,
 * and the key — locked until unlocked with the passphrase. The private key lives
 * only inside the UnlockedKey; nothing here can read it back.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import type { Low } from 'lowdb'
import type { StationStatus } from '../../../shared/types.js'
import type { MethodParsedInput } from '../../../shared/contract.js'
import { fail } from '../failure.js'
import { logger } from '../logger.js'
import { EventBus } from '../events.js'
import { systemClock, type Clock } from '../clock.js'
import { openCatalog } from '../storage/catalog.js'
import { Journal } from '../storage/journal.js'
import { acquireLock } from '../storage/lock.js'
import {
  fingerprint,
  generateKey,
  readKeyFile,
  unlockKey,
  writeKeyFile,
  type UnlockedKey
} from '../keys/keystore.js'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import { resealSecrets } from '../keys/secrets.js'
import { didKeyFromPublicKey, didWebFromSiteUrl, verificationMethodFor } from '../keys/did.js'
import { AwardLedger } from '../awards/ledger.js'
import { OutputRegistry } from '../platform/reveal.js'
import { RecipientBook } from '../recipients/book.js'
import { CheckInIndex } from '../checkins/checkin-index.js'
import { journalIndexOf } from '../analytics/journal-index.js'
import { deliveryIndexesOf } from '../delivery/indexes.js'
import { stationPaths, type StationPaths } from './paths.js'
import { newStationId, normaliseSiteUrl } from './ids.js'
import { STATUS_LIST_BITS, type StationCatalog } from './catalog-model.js'

export type InitInput = MethodParsedInput<'station:init'>

function scryptCost(): number | undefined {
  const raw = process.env.KILN_SCRYPT_N
  if (!raw) return undefined
  const n = Number(raw)
  // Only for tests and benchmarks; never weaker than 2^14.
  return Number.isInteger(n) && n >= 16384 && (n & (n - 1)) === 0 ? n : undefined
}

export class Station {
  readonly paths: StationPaths
  readonly bus: EventBus
  private releaseLock: (() => void) | undefined
  private db: Low<StationCatalog> | undefined
  private journalHandle: Journal | undefined
  private key: UnlockedKey | undefined
  readonly awards = new AwardLedger()
  private readonly closers: (() => void)[] = []
  /** Files this process wrote for people (exports, backups): the UI may show their folder. */
  readonly outputs = new OutputRegistry()
  readonly recipients = new RecipientBook()
  readonly checkins = new CheckInIndex()
  /** The time awards and revocations are dated with (tests inject their own). */
  readonly clock: Clock

  private constructor(paths: StationPaths, bus: EventBus, clock: Clock) {
    this.paths = paths
    this.bus = bus
    this.clock = clock
  }

  /** Opens (and locks) a data directory; an empty one opens as "not initialised". */
  static async open(
    dataDir: string,
    bus: EventBus = new EventBus(),
    clock: Clock = systemClock
  ): Promise<Station> {
    const paths = stationPaths(dataDir)
    mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 })
    const station = new Station(paths, bus, clock)
    station.releaseLock = acquireLock(paths.dataDir).release
    try {
      if (existsSync(paths.catalog)) await station.load()
    } catch (error) {
      station.close()
      throw error
    }
    return station
  }

  private async load(): Promise<void> {
    const db = await openCatalog<StationCatalog | null>(this.paths.catalog, null)
    const data = db.data
    if (!data || data.format !== 'kiln-station/1') {
      fail('STORAGE_CORRUPT', 'station.json is not a Kiln station file; Kiln did not change it.')
    }
    if (!existsSync(this.paths.key)) {
      fail('STORAGE_CORRUPT', 'key.json is missing from the data directory; restore a backup.')
    }
    this.db = db as Low<StationCatalog>
    await this.finishKeyRotation()
    // Catalogs written before rules existed have no rules array.
    if (!Array.isArray(data.rules)) data.rules = []
    this.journalHandle = this.openJournal(data.stationId)
  }

  /**
   * The journal is the truth: every entry feeds the in-memory indexes, at open and on every
   * append, and the journal itself keeps no copy (50,000 awards must open fast and small).
   * Opening checks seq continuity and the last link; `kiln audit verify` walks the whole chain.
   */
  private openJournal(stationId: string): Journal {
    return Journal.open(this.paths.journal, {
      stationId,
      onWarning: (message) => logger.warn(message),
      verify: 'tail',
      retain: false,
      onEntry: (entry) => {
        this.awards.apply(entry)
        this.recipients.apply(entry)
        this.checkins.apply(entry)
        journalIndexOf(this).apply(entry)
        deliveryIndexesOf(this).apply(entry)
      }
    })
  }

  get initialized(): boolean {
    return this.db !== undefined
  }

  get locked(): boolean {
    return this.key === undefined
  }

  requireInitialized(): void {
    if (!this.db) fail('NOT_INITIALIZED', 'Run "kiln init" (or the setup screen) first.')
  }

  /** The catalog (throws NOT_INITIALIZED before setup). */
  get catalog(): StationCatalog {
    if (!this.db) fail('NOT_INITIALIZED', 'Run "kiln init" (or the setup screen) first.')
    return this.db.data
  }

  get journal(): Journal {
    if (!this.journalHandle) fail('NOT_INITIALIZED', 'Run "kiln init" (or the setup screen) first.')
    return this.journalHandle
  }

  /** The signer; LOCKED until the passphrase is given. */
  get signer(): UnlockedKey {
    if (!this.initialized) fail('NOT_INITIALIZED', 'Run "kiln init" (or the setup screen) first.')
    if (!this.key) fail('LOCKED', 'Unlock the station with its passphrase first.')
    return this.key
  }

  async saveCatalog(): Promise<void> {
    if (!this.db) fail('NOT_INITIALIZED', 'Run "kiln init" (or the setup screen) first.')
    await this.db.write()
  }

  async init(input: InitInput): Promise<StationStatus> {
    if (this.initialized) {
      fail('ALREADY_INITIALIZED', `${this.paths.dataDir} already holds a station.`)
    }
    this.setAsideOrphans()
    const now = new Date().toISOString()
    const { keyFile, publicKey } = await generateKey(input.passphrase, { scryptN: scryptCost() })
    const siteUrl = normaliseSiteUrl(input.siteUrl)
    const issuerId =
      input.did === 'key' ? didKeyFromPublicKey(publicKey) : didWebFromSiteUrl(siteUrl)
    const stationId = newStationId()
    const catalog: StationCatalog = {
      format: 'kiln-station/1',
      stationId,
      createdAt: now,
      siteUrl,
      didMethod: input.did,
      issuer: {
        id: issuerId,
        type: ['Profile'],
        name: input.issuerName,
        url: input.issuerUrl,
        ...(input.issuerEmail ? { email: input.issuerEmail } : {})
      },
      keys: [
        {
          publicKeyMultibase: keyFile.publicKeyMultibase,
          verificationMethod: verificationMethodFor(issuerId, publicKey),
          createdAt: now
        }
      ],
      statusList: { url: `${siteUrl}status/${stationId}-1.json`, lengthBits: STATUS_LIST_BITS },
      badges: [],
      rules: []
    }
    // Key first, then the journal's first line, then station.json: a station exists
    // only once station.json is written, so a crash in between leaves no half-station.
    await writeKeyFile(this.paths.key, keyFile)
    const journal = this.openJournal(stationId)
    journal.append('station.initialized', {
      stationId,
      issuerId,
      siteUrl,
      publicKeyMultibase: keyFile.publicKeyMultibase
    })
    const db = await openCatalog<StationCatalog | null>(this.paths.catalog, null)
    db.data = catalog
    await db.write()
    this.db = db as Low<StationCatalog>
    this.journalHandle = journal
    this.key = await unlockKey(keyFile, input.passphrase)
    this.bus.emit('data:changed', { domain: 'station' })
    return this.status()
  }

  /** Files left by an init that crashed before station.json existed are moved aside, never deleted. */
  private setAsideOrphans(): void {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    for (const file of [this.paths.key, this.paths.journal]) {
      if (existsSync(file)) {
        const aside = `${file}.orphan-${stamp}`
        renameSync(file, aside)
        logger.warn(`moved an unfinished setup's file aside: ${aside}`)
      }
    }
  }

  async unlock(passphrase: string): Promise<StationStatus> {
    if (!this.initialized) fail('NOT_INITIALIZED', 'Run "kiln init" (or the setup screen) first.')
    const keyFile = await readKeyFile(this.paths.key)
    const key = await unlockKey(keyFile, passphrase)
    const expected = this.catalog.keys.at(-1)?.publicKeyMultibase
    if (expected && key.publicKeyMultibase !== expected) {
      key.lock()
      fail('STORAGE_CORRUPT', 'key.json does not hold the key recorded in station.json.')
    }
    this.key?.lock()
    this.key = key
    this.bus.emit('station:lock-changed', { locked: false })
    return this.status()
  }

  lock(): StationStatus {
    if (this.key) {
      this.key.lock()
      this.key = undefined
      this.bus.emit('station:lock-changed', { locked: true })
    }
    return this.status()
  }

  status(): StationStatus {
    const counts = {
      awards: this.awards.size,
      badges: this.db?.data.badges.length ?? 0,
      recipients: Math.max(this.recipients.size, this.awards.recipientCount())
    }
    if (!this.db) {
      return { initialized: false, locked: true, dataDir: this.paths.dataDir, counts }
    }
    const catalog = this.db.data
    const current = catalog.keys.at(-1)
    const key = current
      ? {
          fingerprint: fingerprint(decodePublicKeyMultibase(current.publicKeyMultibase)),
          publicKeyMultibase: current.publicKeyMultibase,
          verificationMethod: current.verificationMethod,
          createdAt: current.createdAt
        }
      : undefined
    return {
      initialized: true,
      locked: this.locked,
      dataDir: this.paths.dataDir,
      stationId: catalog.stationId,
      siteUrl: catalog.siteUrl,
      issuer: catalog.issuer,
      ...(key ? { key } : {}),
      counts
    }
  }

  /**
   * Replaces the signing key (did:web issuers only; a did:key issuer is its key). The new key
   * is sealed with the same passphrase; the old public key stays in catalog.keys (and so in
   * did.json) so that credentials it signed keep verifying. Crash-safe order: the new key file
   * is written beside key.json, then station.json names it, then it is renamed over key.json
   * (finishKeyRotation completes that last step after a crash).
   */
  async rotateKey(passphrase: string): Promise<StationStatus> {
    const catalog = this.catalog
    if (catalog.didMethod !== 'web') {
      fail(
        'INVALID_INPUT',
        'This station’s issuer is a did:key, which is its key: it cannot be rotated.'
      )
    }
    const old = await unlockKey(await readKeyFile(this.paths.key), passphrase)
    const { keyFile, publicKey } = await generateKey(passphrase, { scryptN: scryptCost() })
    const key = await unlockKey(keyFile, passphrase)
    try {
      // Saved connection secrets move to the new key in the same catalog write that names it.
      resealSecrets(catalog, old, key)
    } finally {
      old.lock()
    }
    const next = `${this.paths.key}.next`
    await writeKeyFile(next, keyFile)
    const previous = catalog.keys.at(-1)?.publicKeyMultibase
    catalog.keys.push({
      publicKeyMultibase: keyFile.publicKeyMultibase,
      verificationMethod: verificationMethodFor(catalog.issuer.id, publicKey),
      createdAt: new Date().toISOString()
    })
    await this.saveCatalog()
    renameSync(next, this.paths.key)
    this.journal.append('key.rotated', { previous, publicKeyMultibase: keyFile.publicKeyMultibase })
    this.key?.lock()
    this.key = key
    this.bus.emit('data:changed', { domain: 'station' })
    return this.status()
  }

  /** A rotation interrupted after station.json named the new key: put its key file in place. */
  private async finishKeyRotation(): Promise<void> {
    const next = `${this.paths.key}.next`
    if (!existsSync(next)) return
    const file = await readKeyFile(next)
    if (file.publicKeyMultibase === this.catalog.keys.at(-1)?.publicKeyMultibase) {
      renameSync(next, this.paths.key)
      logger.warn('finished an interrupted key rotation')
    } else {
      const aside = `${next}.orphan-${new Date().toISOString().replace(/[:.]/g, '-')}`
      renameSync(next, aside)
      logger.warn(`moved an unfinished key rotation's file aside: ${aside}`)
    }
  }

  /** Runs `fn` when the station closes (timers of services that live as long as the station). */
  onClose(fn: () => void): void {
    this.closers.push(fn)
  }

  close(): void {
    for (const fn of this.closers.splice(0)) {
      try {
        fn()
      } catch (error) {
        logger.warn('a close handler failed', error)
      }
    }
    this.key?.lock()
    this.key = undefined
    this.journalHandle?.close()
    this.journalHandle = undefined
    this.releaseLock?.()
    this.releaseLock = undefined
  }
}
