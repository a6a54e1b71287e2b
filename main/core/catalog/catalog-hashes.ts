/** The catalog's hash as the journal last recorded it (a projection of `catalog.written`). */
import type { JournalEntry } from '../journal/registry.js'
import { CheckpointedBase } from '../journal/projection.js'
import { KeptEntries } from '../journal/kept-entries.js'

export type RecordedCatalog = Readonly<{ sha256: string; bytes: number; seq: number; ts: string }>

export class CatalogHashes extends CheckpointedBase {
  readonly checkpointKey = 'catalogHashes'
  #last: RecordedCatalog | undefined
  readonly #kept = new KeptEntries((e) => e.type === 'catalog.written')

  protected write(): string {
    return this.#kept.snapshot()
  }

  protected read(text: string): boolean {
    const entries = KeptEntries.parse(text)
    if (!entries) return false
    for (const e of entries) this.applyEntry(e)
    return true
  }

  protected applyEntry(entry: JournalEntry): void {
    if (entry.type !== 'catalog.written') return
    this.#kept.keepLast(entry)
    this.#last = { ...entry.data, seq: entry.seq, ts: entry.ts }
  }

  /** The last recorded hash (undefined for stations created before hashes were recorded). */
  get last(): RecordedCatalog | undefined {
    return this.#last
  }
}
