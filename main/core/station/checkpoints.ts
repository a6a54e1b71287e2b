/**
 * The station's checkpoint (journal/checkpoint-file.ts): read at open to resume the journal after
 * it, written again when enough entries came after it.
 *
 * - At open: an intact header whose point the journal confirms (storage/journal.ts ResumePoint:
 *   the seal trusted, the line at `seq` hashing to `head`) → every projection gets its section
 *   (restored on first use) and only later entries are read. Anything else (no checkpoint, an
 *   edited header, a journal touched outside Kiln, a checkpoint of another journal) → the
 *   checkpoint is ignored and the whole journal replayed: it is never trusted.
 * - A section refused on first use (changed after the header was written) → that projection is
 *   rebuilt from the journal, with a warning, and the next checkpoint is written in full.
 * - Written on close (and, in long-lived hosts, shortly after a burst of commits) when at least
 *   `every` entries came after the last one, or after an open that could not resume.
 */
import { logger } from '../logger.js'
import {
  CheckpointFile,
  readCounts,
  writeCheckpoint,
  writeCounts
} from '../journal/checkpoint-file.js'
import type { CheckpointedProjection, PlacedEntry } from '../journal/projection.js'
import type { StationJournal } from '../journal/station-journal.js'
import type { LineAt, ResumePoint } from '../storage/journal.js'

/** Entries after the last checkpoint before a new one is worth writing (default). */
export const CHECKPOINT_EVERY = 2_000

export class StationCheckpoints {
  readonly file: string
  readonly every: number
  readonly #projections: readonly CheckpointedProjection[]
  #found: CheckpointFile | undefined
  /** The seq the projections' saved state reflects (0: none). */
  #savedSeq = 0
  #lastLine: LineAt | undefined
  #refused = false
  #timer: ReturnType<typeof setTimeout> | undefined

  readonly #countsFile: string

  constructor(
    file: string,
    countsFile: string,
    projections: readonly CheckpointedProjection[],
    every: number
  ) {
    this.file = file
    this.#countsFile = countsFile
    this.#projections = projections
    this.every = every
  }

  /** The resume point of an intact checkpoint on disk, if any (the journal still checks it). */
  resumePoint(): ResumePoint | undefined {
    this.#found = CheckpointFile.read(this.file)
    return this.#found?.point
  }

  /** The journal accepted (seq > 0) or refused the point: hand the sections out, or not. */
  started(resumedAt: number, journal: () => StationJournal): void {
    const found = this.#found
    this.#found = undefined
    if (!found || resumedAt === 0 || resumedAt !== found.point.seq) return
    this.#savedSeq = resumedAt
    const { lastLineStart, offset } = found.point
    this.#lastLine = { start: lastLineStart, length: offset - lastLineStart - 1 }
    for (const p of this.#projections) {
      p.restoreFrom({
        bytes: () => found.sectionBytes(p.checkpointKey),
        side: (name) => found.sectionBytes(`${p.checkpointKey}.${name}`),
        counts: found.counts(p.checkpointKey),
        history: () => history(journal()),
        outdated: () => {
          this.#refused = true
        },
        refused: (why) => {
          this.#refused = true
          logger.warn(
            `${found.file}: the saved ${p.checkpointKey} were not used (${why}); rebuilt from the journal`
          )
        }
      })
    }
  }

  /**
   * After an open that resumed: counts recorded at exactly this head (by the close of a command
   * that changed a little, restored the big projections anyway, but wrote no checkpoint) stand in
   * for the tail, so `kiln status` still parses nothing.
   */
  opened(journal: StationJournal): void {
    if (this.#savedSeq === 0 || this.#savedSeq === journal.count) return
    const counts = readCounts(this.#countsFile)
    if (!counts || counts.seq !== journal.count || counts.head !== journal.head.hash) return
    for (const p of this.#projections) p.useHeadCounts(counts.counts[p.checkpointKey])
  }

  /** Records the counts at the head when they are known without restoring (never throws). */
  writeCountsIfKnown(journal: StationJournal): void {
    if (journal.count === this.#savedSeq) return
    const counts: Record<string, Readonly<Record<string, number>>> = {}
    for (const p of this.#projections) {
      const c = p.countsWithoutRestore()
      if (c) counts[p.checkpointKey] = c
      else if (p.lazy) return // only restoring it could tell
    }
    try {
      writeCounts(this.#countsFile, { seq: journal.count, head: journal.head.hash, counts })
    } catch (error) {
      logger.warn(
        `could not write the counts (${error instanceof Error ? error.message : String(error)})`
      )
    }
  }

  /** Every applied entry passes here (to know where the last line lies). */
  applied(at: LineAt): void {
    this.#lastLine = at
  }

  /** Writes a checkpoint if enough changed since the last (or it was refused); never throws. */
  maybeWrite(journal: StationJournal): void {
    const behind = journal.count - this.#savedSeq
    if (journal.count === 0 || (behind < this.every && !this.#refused)) return
    this.write(journal)
  }

  /** In long-lived hosts: a checkpoint soon after commits settle (one timer, unref'd). */
  schedule(journal: () => StationJournal | undefined, delayMs = 5_000): void {
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      const j = journal()
      if (j) this.maybeWrite(j)
    }, delayMs)
    this.#timer.unref?.()
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  write(journal: StationJournal): void {
    const last = this.#lastLine
    const station = journal.stationId
    if (!last || !station || journal.count === 0) return
    try {
      const sections = this.#projections.flatMap((p) => {
        const text = p.snapshot()
        const counts = p.checkpointCounts()
        const sides = (p.sideSnapshots?.() ?? []).map((side) => ({
          key: `${p.checkpointKey}.${side.name}`,
          text: side.text
        }))
        return [{ key: p.checkpointKey, text, ...(counts ? { counts } : {}) }, ...sides]
      })
      const head = journal.head
      writeCheckpoint(
        this.file,
        {
          station,
          seq: head.seq,
          head: head.hash,
          offset: last.start + last.length + 1,
          lastLineStart: last.start
        },
        sections
      )
      this.#savedSeq = head.seq
      this.#refused = false
    } catch (error) {
      // A missing checkpoint only costs the next open a full replay.
      logger.warn(
        `could not write the checkpoint (${error instanceof Error ? error.message : String(error)})`
      )
    }
  }
}

function* history(journal: StationJournal): Generator<PlacedEntry> {
  yield* journal.placed()
}
