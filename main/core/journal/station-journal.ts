/**
 * The station's journal: the storage journal (hash chain, seal, fsync) with typed events. Writers
 * append `NewEvent`s (checked against their schema before anything is written); readers get
 * `JournalEntry`s from parseEntry. Every entry, read at open or appended later, goes to `onEntry`
 * (the station feeds its projections from it).
 */
import { KilnFailure } from '../failure.js'
import {
  Journal,
  type JournalHead,
  type LineAt,
  type OpenVerification,
  type ResumePoint
} from '../storage/journal.js'
import { checkNewEvent, parseEntry } from './parse.js'
import { eventDef, type JournalEntry, type NewEvent } from './registry.js'

export type StationJournalOptions = Readonly<{
  file: string
  sealFile: string
  /** The station the lines must belong to (absent: the station of the first line). */
  stationId?: string
  onWarning?: (message: string) => void
  onEntry: (entry: JournalEntry, at: LineAt) => void
  /** Resume after a checkpoint's point if it is still sound (storage/journal.ts). */
  resume?: ResumePoint
  /** Before any entry: the seq reading resumed after (0: every entry follows). */
  onStart?: (resumedAt: number) => void
}>

export class StationJournal {
  readonly #raw: Journal

  private constructor(raw: Journal) {
    this.#raw = raw
  }

  static open(options: StationJournalOptions): StationJournal {
    const file = options.file
    const raw = Journal.open(file, {
      ...(options.stationId ? { stationId: options.stationId } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
      sealFile: options.sealFile,
      retain: false,
      ...(options.resume ? { resume: options.resume } : {}),
      ...(options.onStart ? { onStart: options.onStart } : {}),
      onEntry: (entry, line, at) => options.onEntry(parseEntry(entry, file, line), at)
    })
    return new StationJournal(raw)
  }

  get file(): string {
    return this.#raw.file
  }

  get head(): JournalHead {
    return this.#raw.head
  }

  get count(): number {
    return this.#raw.count
  }

  get stationId(): string | undefined {
    return this.#raw.stationId
  }

  get verification(): OpenVerification {
    return this.#raw.verification
  }

  append(event: NewEvent): JournalEntry {
    const [entry] = this.appendMany([event])
    if (!entry) throw new KilnFailure('INTERNAL', 'the journal did not append the entry')
    return entry
  }

  /** One group commit (one write, one fdatasync): all of them or none. */
  appendMany(events: readonly NewEvent[]): JournalEntry[] {
    for (const event of events) {
      const problem = checkNewEvent(event)
      if (problem) throw new KilnFailure('INTERNAL', `Kiln refused to journal ${problem}.`)
    }
    const raws = this.#raw.appendMany(
      events.map((e) => ({
        type: e.type,
        v: eventDef(e.type)?.v ?? 1,
        data: e.data,
        ...(e.ts ? { ts: e.ts } : {})
      }))
    )
    return raws.map((raw) => parseEntry(raw, this.file, raw.seq))
  }

  /** Bytes of confirmed entries. */
  get size(): number {
    return this.#raw.size
  }

  /** Every entry, oldest first, streamed from the file (whole-history work such as exports). */
  *entries(): Generator<JournalEntry> {
    for (const { entry } of this.placed()) yield entry
  }

  /** The same, with where each line lies. */
  *placed(): Generator<Readonly<{ entry: JournalEntry; at: LineAt }>> {
    for (const { entry, at } of this.#raw.stream()) {
      yield { entry: parseEntry(entry, this.file, entry.seq), at }
    }
  }

  /** One entry read again by its place, its line's hash checked against the chain. */
  entryAt(seq: number, at: LineAt): JournalEntry {
    return parseEntry(this.#raw.readLine(seq, at), this.file, seq)
  }

  /** Records the journal's state in journal.seal (after an open the station accepted). */
  seal(): void {
    this.#raw.seal()
  }

  /** Every further append fails with this (the chain was found damaged). */
  refuse(failure: KilnFailure): void {
    this.#raw.refuse(failure)
  }

  close(): void {
    this.#raw.close()
  }
}
