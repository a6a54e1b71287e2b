/**
 * The snapshot of a small projection (the outbox, check-ins, imported badges, rule runs, the
 * catalog's hash): the journal entries it was built from, kept by reference (their data objects
 * are the ones the projection holds anyway) and written as JSON. Restoring parses each with its
 * event's schema (journal/parse.ts) and applies it again, so a snapshot is checked exactly as the
 * journal is. Only projections whose entries stay few use this; the award ledger and the recipient
 * book have their own compact formats.
 */
import { z } from 'zod'
import type { LineAt } from '../storage/journal.js'
import { parseRawEntry } from './parse.js'
import { CheckpointedBase } from './projection.js'
import { eventDef, type JournalEntry } from './registry.js'

const keptSchema = z.array(
  z.strictObject({
    seq: z.number().int().positive(),
    ts: z.string(),
    station: z.string(),
    type: z.string().min(1),
    v: z.number().int().positive(),
    data: z.unknown(),
    prev: z.string()
  })
)

export class KeptEntries {
  readonly #wanted: (entry: JournalEntry) => boolean
  #entries: JournalEntry[] = []

  constructor(wanted: (entry: JournalEntry) => boolean) {
    this.#wanted = wanted
  }

  keep(entry: JournalEntry): void {
    if (this.#wanted(entry)) this.#entries.push(entry)
  }

  /** Keeps only the last wanted entry (a projection that needs no more than that). */
  keepLast(entry: JournalEntry): void {
    if (this.#wanted(entry)) this.#entries = [entry]
  }

  snapshot(): string {
    return JSON.stringify(
      this.#entries.map((e) => ({
        seq: e.seq,
        ts: e.ts,
        station: e.station,
        type: e.type,
        // Data was read into the current shape, so it is written as the current version.
        v: eventDef(e.type)?.v ?? e.v,
        data: e.data,
        prev: e.prev
      }))
    )
  }

  /** The entries of a snapshot, each checked by its event's schema; undefined if any fails. */
  static parse(text: string): JournalEntry[] | undefined {
    const value: unknown = JSON.parse(text)
    const raw = keptSchema.safeParse(value)
    if (!raw.success) return undefined
    const entries: JournalEntry[] = []
    for (const r of raw.data) {
      const parsed = parseRawEntry(r)
      if (!parsed.ok) return undefined
      entries.push(parsed.entry)
    }
    return entries
  }
}

/**
 * A checkpointed projection whose snapshot is the entries it keeps: subclasses say which entries
 * (`keeps`), keep them in `applyEntry` (`this.kept.keep(entry)` or `keepLast`), and are restored
 * by applying the kept entries again, each checked by its event's schema.
 */
export abstract class KeptEntriesProjection extends CheckpointedBase {
  protected readonly kept = new KeptEntries((entry) => this.keeps(entry))

  /** Whether the snapshot needs this entry. */
  protected abstract keeps(entry: JournalEntry): boolean

  protected abstract override applyEntry(entry: JournalEntry, at?: LineAt): void

  protected write(): string {
    return this.kept.snapshot()
  }

  protected read(text: string): boolean {
    const entries = KeptEntries.parse(text)
    if (!entries) return false
    for (const entry of entries) this.applyEntry(entry)
    return true
  }
}
