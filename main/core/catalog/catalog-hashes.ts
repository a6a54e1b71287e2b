/** The catalog's hash as the journal last recorded it (a projection of `catalog.written`). */
import type { JournalEntry } from '../journal/registry.js'
import type { Projection } from '../journal/projection.js'

export type RecordedCatalog = Readonly<{ sha256: string; bytes: number; seq: number; ts: string }>

export class CatalogHashes implements Projection {
  #last: RecordedCatalog | undefined

  apply(entry: JournalEntry): void {
    if (entry.type !== 'catalog.written') return
    this.#last = { ...entry.data, seq: entry.seq, ts: entry.ts }
  }

  /** The last recorded hash (undefined for stations created before hashes were recorded). */
  get last(): RecordedCatalog | undefined {
    return this.#last
  }
}
