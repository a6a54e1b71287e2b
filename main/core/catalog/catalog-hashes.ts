/** The catalog's hash as the journal last recorded it (a projection of `catalog.written`). */
import type { JournalEntry } from '../journal/registry.js'
import { KeptEntriesProjection } from '../journal/kept-entries.js'

export type RecordedCatalog = Readonly<{ sha256: string; bytes: number; seq: number; ts: string }>

export class CatalogHashes extends KeptEntriesProjection {
  readonly checkpointKey = 'catalogHashes'
  #last: RecordedCatalog | undefined

  protected keeps(e: JournalEntry): boolean {
    return e.type === 'catalog.written'
  }

  protected applyEntry(entry: JournalEntry): void {
    if (entry.type !== 'catalog.written') return
    this.kept.keepLast(entry)
    this.#last = { ...entry.data, seq: entry.seq, ts: entry.ts }
  }

  /** The last recorded hash (undefined for stations created before hashes were recorded). */
  get last(): RecordedCatalog | undefined {
    return this.#last
  }
}
