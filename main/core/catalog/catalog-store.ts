/**
 * The open catalog: validated data in memory (lowdb holds it, through an adapter that migrates
 * and checks on read and seals on write), the last text written, and the crash-safe save that
 * journals every new hash. A failed save leaves memory as it was on disk.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Low, type Adapter } from 'lowdb'
import { KilnFailure } from '../failure.js'
import { sha256Hex as sha256Of } from '../storage/journal-lines.js'
import { logger } from '../logger.js'
import type { StationJournal } from '../journal/station-journal.js'
import type { NewEvent } from '../journal/registry.js'
import type { StationCatalog } from '../station/catalog-model.js'
import type { RecordedCatalog } from './catalog-hashes.js'
import {
  catalogText,
  parseCatalogJson,
  writeSealedCatalog,
  type SealedWriteHooks
} from './catalog-file.js'
import { CATALOG_SCHEMA_VERSION, migrate } from './migrations.js'
import { checkedCatalogBytes, removeOrphanTemps } from './recover.js'
import { CATALOG_FORMAT, catalogSchema } from './schema.js'

function corrupt(file: string, message: string): KilnFailure {
  return new KilnFailure('STORAGE_CORRUPT', `${path.basename(file)} ${message}`, { path: file })
}

/** JSON of a catalog at any known version → the current shape, or STORAGE_CORRUPT naming the field. */
export function validateCatalog(
  file: string,
  raw: Record<string, unknown>
): { catalog: StationCatalog; applied: number[]; from: number } {
  if (raw.format !== CATALOG_FORMAT) {
    throw corrupt(file, 'is not a Kiln station file; Kiln did not change it.')
  }
  const migrated = migrate(raw)
  if (migrated.from > CATALOG_SCHEMA_VERSION) {
    throw corrupt(
      file,
      `was written by a newer Kiln (catalog version ${migrated.from}; this one knows up to ${CATALOG_SCHEMA_VERSION}). Update Kiln; nothing was changed.`
    )
  }
  const parsed = catalogSchema.safeParse(migrated.catalog)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? issue.path.map(String).join('.') || 'the file' : 'the file'
    throw corrupt(
      file,
      `is damaged at ${where}: ${issue?.message ?? 'unexpected content'}; Kiln did not change it.`
    )
  }
  return { catalog: parsed.data, applied: migrated.applied, from: migrated.from }
}

/** lowdb's adapter: reads are checked (the data is validated), writes are sealed. */
class SealedCatalogFile implements Adapter<StationCatalog> {
  /** Events journaled in the same commit as the next write's hash. */
  with: readonly NewEvent[] = []

  constructor(
    private readonly store: CatalogStore,
    private readonly initial: StationCatalog
  ) {}

  async read(): Promise<StationCatalog> {
    return this.initial
  }

  async write(data: StationCatalog): Promise<void> {
    await this.store.writeSealed(data, this.with)
  }
}

export type CatalogStoreOptions = Readonly<{
  file: string
  journal: StationJournal
  hooks?: SealedWriteHooks
}>

export class CatalogStore {
  readonly file: string
  readonly #journal: StationJournal
  readonly #hooks: SealedWriteHooks
  #db: Low<StationCatalog>
  #adapter: SealedCatalogFile
  /** The text on disk (what a failed save rolls memory back to). */
  #written: { text: Buffer; sha256: string }

  private constructor(
    options: CatalogStoreOptions,
    catalog: StationCatalog,
    text: Buffer,
    sha256: string
  ) {
    this.file = options.file
    this.#journal = options.journal
    this.#hooks = options.hooks ?? {}
    this.#adapter = new SealedCatalogFile(this, catalog)
    this.#db = new Low<StationCatalog>(this.#adapter, catalog)
    this.#written = { text, sha256 }
  }

  get data(): StationCatalog {
    return this.#db.data
  }

  /**
   * Opens station.json: the hash must be the journal's last recorded one (an interrupted write is
   * completed); then it is parsed, migrated and validated. A migration, or a station whose hash was
   * never recorded, writes the file once (after copying the old one aside when it changes).
   */
  static async load(
    options: CatalogStoreOptions,
    recorded: RecordedCatalog | undefined
  ): Promise<CatalogStore | undefined> {
    const file = options.file
    const current = await checkedCatalogBytes(file, recorded)
    if (!current) return undefined
    const { catalog, applied, from } = validateCatalog(file, parseCatalogJson(file, current.bytes))
    if (recorded === undefined && applied.length === 0) {
      throw corrupt(
        file,
        'has no recorded hash in the journal, so Kiln cannot tell whether it was changed outside Kiln. Restore it from a backup; nothing was changed.'
      )
    }
    const store = new CatalogStore(options, catalog, current.bytes, current.sha256)
    if (applied.length > 0) {
      const aside = `${file}.v${from}-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`
      fs.copyFileSync(file, aside, fs.constants.COPYFILE_EXCL)
      logger.warn(
        `updated ${path.basename(file)} to catalog version ${CATALOG_SCHEMA_VERSION} (migrations ${applied.join(', ')}); the old file is kept as ${path.basename(aside)}`
      )
      await store.save()
    }
    removeOrphanTemps(file)
    return store
  }

  /** A new station's catalog (setup): written and its hash journaled. */
  static async create(
    options: CatalogStoreOptions,
    catalog: StationCatalog
  ): Promise<CatalogStore> {
    const store = new CatalogStore(options, catalog, Buffer.alloc(0), '')
    await store.save()
    return store
  }

  /**
   * Writes the data as it is in memory; `events` (what the change was, for the audit trail) are
   * journaled in the same commit as the new hash. On failure memory goes back to what is on disk.
   */
  async save(events: readonly NewEvent[] = []): Promise<void> {
    this.#adapter.with = events
    try {
      await this.#db.write()
    } catch (error) {
      if (this.#written.text.length > 0) {
        this.#db.data = validateCatalog(
          this.file,
          parseCatalogJson(this.file, this.#written.text)
        ).catalog
      }
      throw error
    } finally {
      this.#adapter.with = []
    }
  }

  /** The sealed write (called by the adapter). */
  async writeSealed(data: StationCatalog, events: readonly NewEvent[]): Promise<void> {
    const text = catalogText(data)
    const next = { text, sha256: sha256Of(text) }
    const previous = this.#written
    await writeSealedCatalog(
      this.file,
      text,
      () => {
        this.#journal.appendMany([
          { type: 'catalog.written', data: { sha256: next.sha256, bytes: text.length } },
          ...events
        ])
      },
      () => {
        if (previous.sha256 === '') return
        this.#journal.append({
          type: 'catalog.written',
          data: { sha256: previous.sha256, bytes: previous.text.length }
        })
      },
      this.#hooks
    )
    this.#written = next
  }
}
