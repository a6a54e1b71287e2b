/**
 * A projection: in-memory state derived from the journal (the award ledger, the recipient book,
 * check-ins, the audit index, the catalog's recorded hash). The station feeds it every entry in
 * order — all of them at open, then each one as it is appended — and nothing else changes it.
 * Keep `apply` a pure function of the projection's own state and the entry: no clock, no catalog,
 * no other service.
 *
 * Because `apply` is the only way in, a projection is checkpointed: `snapshot()` writes its state
 * as text into the station's checkpoint (journal/checkpoint-file.ts) at a journal seq, and the next
 * open hands it that text (`restoreFrom`) and then only the entries after that seq. Restoring is
 * deferred to the projection's first use (`Deferred`): `kiln status` never parses the awards.
 * A snapshot that does not pass its own schema is never trusted: the projection is rebuilt from
 * the journal instead (see ARCHITECTURE.md, "Projections and checkpoints").
 */
import type { LineAt } from '../storage/journal.js'
import type { JournalEntry } from './registry.js'

export type { LineAt } from '../storage/journal.js'

/** A projection's saved state: text (JSON, written as UTF-8) or bytes (a binary format). */
export type Snapshot = string | Uint8Array

export type SideSnapshot = Readonly<{ name: string; text: Snapshot }>

export type PlacedEntry = Readonly<{ entry: JournalEntry; at: LineAt }>

export interface Projection {
  /** `at`: where the entry's line lies in journal.ndjson (to read it again, e.g. a credential). */
  apply(entry: JournalEntry, at: LineAt): void
}

/** Where a projection's saved state comes from (one section of a checkpoint). */
export type SnapshotSource = Readonly<{
  /** The snapshot's bytes, or undefined when its section is missing or not intact. */
  bytes(): Buffer | undefined
  /** A side section saved with it (`sideSnapshots`), bytes or undefined if missing or changed. */
  side(name: string): Buffer | undefined
  /** The counts written beside it (`counts()` of the projection then). */
  counts: Readonly<Record<string, number>> | undefined
  /** Every entry of the journal as it is now (to rebuild from, when the snapshot is refused). */
  history(): Iterable<PlacedEntry>
  /** Told once when the snapshot was refused and the projection rebuilt from the journal. */
  refused(why: string): void
  /** Told when the snapshot was read but is of an older format (worth writing again). */
  outdated?(): void
}>

export interface CheckpointedProjection extends Projection {
  /** The section name in the checkpoint (stable: renaming it costs one full replay). */
  readonly checkpointKey: string
  /** The state as text (or bytes); called between commits, so it matches the journal's head. */
  snapshot(): Snapshot
  /**
   * Derived data worth saving beside the snapshot (the ledger's folded search text), each in its
   * own section `key.name`, read only by whoever needs it (`SnapshotSource.side`).
   */
  sideSnapshots?(): readonly SideSnapshot[]
  /** A few numbers kept beside the snapshot, so readers of only those need not restore it. */
  checkpointCounts(): Readonly<Record<string, number>> | undefined
  /** Called on a fresh projection before any entry, when the open resumes from a checkpoint. */
  restoreFrom(source: SnapshotSource): void
  /** Restores now if a checkpoint waits (the station calls it after open unless `lazy`). */
  ready(): void
  readonly lazy: boolean
  /** Counts recorded at the journal's current head (journal.counts), used until the next entry. */
  useHeadCounts(counts: Readonly<Record<string, number>> | undefined): void
  /** The counts now without restoring anything; undefined when only a restore could tell. */
  countsWithoutRestore(): Readonly<Record<string, number>> | undefined
}

/**
 * Restores a projection on first use. Entries applied before that wait, in order, and follow the
 * restored state. `restore(text)` must validate fully before it changes anything and return false
 * (or throw) to refuse the text; then the projection is rebuilt from the journal's history.
 */
export class Deferred {
  #source: SnapshotSource | undefined
  /** The source the state was restored from (a part read later may still be refused). */
  #restored: SnapshotSource | undefined
  /** Counts rebuilds: restoring stops applying waiting entries once one happened. */
  #generation = 0
  #pending: PlacedEntry[] = []
  /** Counts recorded at the journal's head (journal.counts), valid until the next entry. */
  #headCounts: Readonly<Record<string, number>> | undefined
  readonly #restore: (bytes: Buffer) => boolean
  readonly #apply: (entry: JournalEntry, at: LineAt) => void

  constructor(
    restore: (bytes: Buffer) => boolean,
    apply: (entry: JournalEntry, at: LineAt) => void
  ) {
    this.#restore = restore
    this.#apply = apply
  }

  begin(source: SnapshotSource): void {
    this.#source = source
    this.#pending = []
    this.#headCounts = undefined
  }

  /** True while restoring waits: the entry is kept for then (apply returns at once). */
  defer(entry: JournalEntry, at: LineAt): boolean {
    this.#headCounts = undefined
    if (!this.#source) return false
    this.#pending.push({ entry, at })
    return true
  }

  /** True when entries came after the snapshot (it no longer describes the state alone). */
  get behind(): boolean {
    return this.#pending.length > 0
  }

  get waiting(): boolean {
    return this.#source !== undefined
  }

  /**
   * The saved counts while no entry came after them: the checkpoint's (while nothing came after
   * it) or those recorded at the journal's head; after the restore, those that held then, until
   * the next entry (the restored state is the same state, so they still describe it).
   */
  get savedCounts(): Readonly<Record<string, number>> | undefined {
    if (!this.#source) return this.#headCounts
    return this.#headCounts ?? (this.#pending.length === 0 ? this.#source.counts : undefined)
  }

  /** Counts known to hold at the journal's head now (while nothing is restored yet). */
  useHeadCounts(counts: Readonly<Record<string, number>> | undefined): void {
    if (this.#source) this.#headCounts = counts
  }

  /** Call first in every reader: restores (or rebuilds) once. */
  ready(): void {
    const source = this.#source
    if (!source) return
    // Counts that held before the restore hold after it (entries waiting included: head counts).
    this.#headCounts = this.savedCounts
    this.#source = undefined
    const pending = this.#pending
    this.#pending = []
    this.#restored = source
    const bytes = source.bytes()
    let why = bytes === undefined ? 'its section is missing or was changed' : ''
    if (bytes !== undefined) {
      try {
        if (!this.#restore(bytes)) why = 'its content does not match its schema'
      } catch (error) {
        why = `its content could not be read (${error instanceof Error ? error.message : String(error)})`
      }
    }
    if (why === '') {
      const generation = this.#generation
      for (const p of pending) {
        // A part refused while applying rebuilt the state from the whole journal (these too).
        if (this.#generation !== generation) break
        this.#apply(p.entry, p.at)
      }
      return
    }
    this.#restored = undefined
    source.refused(why)
    for (const p of source.history()) this.#apply(p.entry, p.at)
  }

  /**
   * A part of the restored state read after the restore (a section read on first use) was
   * refused: the caller has emptied its state; it is fed the whole journal again.
   */
  rebuild(why: string): void {
    const source = this.#restored
    this.#restored = undefined
    this.#generation++
    if (!source) return
    source.refused(why)
    for (const p of source.history()) this.#apply(p.entry, p.at)
  }

  /** The restored state was of an older format: the next close writes a new checkpoint. */
  outdated(): void {
    this.#restored?.outdated?.()
  }
}

/**
 * The usual shape of a checkpointed projection: subclasses write `applyEntry`, `write` (the
 * snapshot text) and `read` (validate, then take the state; false refuses it); a binary one
 * (the award ledger) returns bytes from `write` and overrides `readBytes`. Small projections
 * are restored by the station right after open (`lazy` false); big ones (the award ledger, the
 * recipient book) set `lazy` and call `this.ready()` first in every reader.
 */
export abstract class CheckpointedBase implements CheckpointedProjection {
  abstract readonly checkpointKey: string
  /** True: restored on first use (readers call ready()); false: right after the journal opened. */
  readonly lazy: boolean = false
  readonly #deferred = new Deferred(
    (bytes) => this.readBytes(bytes),
    (entry, at) => this.applyEntry(entry, at)
  )

  /**
   * The entry types applyEntry acts on (undefined: it looks at every entry). Others pass by: they
   * neither wait for the restore nor make the saved counts stale (an export's journal line leaves
   * the ledger's counts standing, so closing need not load an index to count e-mails again).
   */
  protected readonly reads: ReadonlySet<string> | undefined = undefined

  apply(entry: JournalEntry, at: LineAt): void {
    if (this.reads && !this.reads.has(entry.type)) return
    if (this.#deferred.defer(entry, at)) return
    this.applyEntry(entry, at)
  }

  snapshot(): Snapshot {
    this.ready()
    return this.write()
  }

  checkpointCounts(): Readonly<Record<string, number>> | undefined {
    return undefined
  }

  useHeadCounts(counts: Readonly<Record<string, number>> | undefined): void {
    this.#deferred.useHeadCounts(counts)
  }

  countsWithoutRestore(): Readonly<Record<string, number>> | undefined {
    return this.#deferred.waiting ? this.#deferred.savedCounts : this.checkpointCounts()
  }

  /** A saved count, when it still describes the state (see Deferred.savedCounts). */
  protected savedCount(name: string): number | undefined {
    return this.#deferred.savedCounts?.[name]
  }

  restoreFrom(source: SnapshotSource): void {
    this.#deferred.begin(source)
  }

  /** Restores (or rebuilds) now if a checkpoint is waiting; cheap otherwise. */
  ready(): void {
    this.#deferred.ready()
  }

  /**
   * A section read after the restore did not pass: the subclass has emptied its state, and the
   * whole journal is applied again (with the refusal's warning).
   */
  protected rebuildFromJournal(why: string): void {
    this.#deferred.rebuild(why)
  }

  /** The saved state read was of an older format: write a new checkpoint at the next close. */
  protected outdated(): void {
    this.#deferred.outdated()
  }

  /** True while the saved state has not been read yet (nothing of it is in memory). */
  protected get waiting(): boolean {
    return this.#deferred.waiting
  }

  /** True when entries came after the saved state (waiting ones). */
  protected get behind(): boolean {
    return this.#deferred.behind
  }

  protected abstract applyEntry(entry: JournalEntry, at: LineAt): void
  protected abstract write(): Snapshot
  protected abstract read(text: string): boolean

  /** The saved bytes: UTF-8 text for `read`, unless a binary projection reads them itself. */
  protected readBytes(bytes: Buffer): boolean {
    return this.read(bytes.toString('utf8'))
  }
}
