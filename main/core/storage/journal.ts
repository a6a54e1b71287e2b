/**
 * The journal (journal.ndjson): append-only, one JSON line per event, each line carrying the
 * SHA-256 of the previous line's bytes (a tamper-evident audit log). An entry is durable when
 * append returns (one write, then fdatasync). On open, a torn last line (a crash mid-write)
 * is cut off with a warning; any other damage is an error and the file is left as it is.
 *
 * Verification at open (see journal-seal.ts): with a seal that matches the file exactly, only
 * lines after the sealed size are hashed; otherwise every link is checked, and the sealed head
 * must still be the hash of the sealed line (an edit of the last line, or lines removed from the
 * end, are caught too). Every line's envelope and seq are checked either way.
 */
import fs from 'node:fs'
import path from 'node:path'
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { fsyncDirSync } from './atomic-write.js'
import { diskFull, errnoOf, isDiskFull } from './disk-full.js'
import {
  GENESIS_HASH,
  checkLine,
  lineStream,
  scanLines,
  sha256Hex,
  type RawJournalEntry
} from './journal-lines.js'
import { readSeal, sealMatches, sealOf, SealWriter, type JournalSeal } from './journal-seal.js'

export { GENESIS_HASH, type RawJournalEntry } from './journal-lines.js'
export { verifyJournal } from './verify-journal.js'

export type JournalHead = Readonly<{ seq: number; hash: string }>

/** Where one line lies in the file: its first byte and its length without the '\n'. */
export type LineAt = Readonly<{ start: number; length: number }>

/**
 * Where a checkpoint says the journal stood (journal/checkpoint.ts): entry `seq` with SHA-256
 * `head`, its line starting at `lastLineStart` and the next one at `offset`. Reading resumes
 * there only when the seal says the file is exactly as Kiln left it and that line still hashes
 * to `head`; otherwise the whole journal is read.
 */
export type ResumePoint = Readonly<{
  seq: number
  head: string
  offset: number
  lastLineStart: number
}>

export type JournalOptions = Readonly<{
  /** The station every line must belong to; absent: the station of the first line. */
  stationId?: string
  onWarning?: (message: string) => void
  /** Called for every entry read at open and every entry appended afterwards. */
  onEntry?: (entry: RawJournalEntry, line: number, at: LineAt) => void
  /** Resume reading after this point if it is still sound (see ResumePoint). */
  resume?: ResumePoint
  /** Called once before any entry: the seq reading resumes after (0: from the first line). */
  onStart?: (resumedAt: number) => void
  /**
   * Keep every entry in memory (default). A station passes false and builds its own compact
   * indexes through onEntry; entries() then reads the file again when asked.
   */
  retain?: boolean
  /** The seal file (journal.seal); absent: every open verifies the whole chain. */
  sealFile?: string
}>

export type JournalItem = Readonly<{ type: string; v?: number; data: unknown; ts?: string }>

/** How the chain was checked at open: all of it, or only after a seal the file still matched. */
export type OpenVerification = Readonly<{
  mode: 'full' | 'sealed'
  /** Bytes and head at open: what a background full check must reproduce. */
  size: number
  head: JournalHead
  /** The seq a checkpoint let reading resume after (0: every line was read). */
  resumedAt: number
}>

const NEWLINE = Buffer.from('\n')

type Opened = Readonly<{
  stationId: string | undefined
  fd: number
  size: number
  head: JournalHead
  entries: RawJournalEntry[] | undefined
  verification: OpenVerification
}>

export class Journal {
  readonly file: string
  readonly verification: OpenVerification
  #stationId: string | undefined
  #fd: number | undefined
  #size: number
  #head: JournalHead
  #entries: RawJournalEntry[] | undefined
  #onEntry: ((entry: RawJournalEntry, line: number, at: LineAt) => void) | undefined
  #failed: KilnFailure | undefined
  #seal: SealWriter | undefined

  private constructor(file: string, opened: Opened, options: JournalOptions) {
    this.file = file
    this.#stationId = opened.stationId
    this.#fd = opened.fd
    this.#size = opened.size
    this.#head = opened.head
    this.#entries = opened.entries
    this.#onEntry = options.onEntry
    this.verification = opened.verification
    this.#seal = options.sealFile ? new SealWriter(options.sealFile) : undefined
  }

  static open(file: string, options: JournalOptions): Journal {
    const existed = fs.existsSync(file)
    const fd = fs.openSync(file, 'a+', 0o600)
    try {
      if (!existed) fsyncDirSync(path.dirname(file))
      return new Journal(file, readJournal(file, fd, options), options)
    } catch (e) {
      fs.closeSync(fd)
      throw e
    }
  }

  get head(): JournalHead {
    return this.#head
  }

  get count(): number {
    return this.#head.seq
  }

  /** The station the lines belong to (undefined while the journal is empty). */
  get stationId(): string | undefined {
    return this.#stationId
  }

  /** Bytes of confirmed entries. */
  get size(): number {
    return this.#size
  }

  /**
   * Every entry, oldest first. Retained journals return their own array (do not mutate);
   * others read the file again (for rare whole-history work such as exports).
   */
  entries(): readonly RawJournalEntry[] {
    if (this.#entries) return this.#entries
    const fd = this.#writable()
    const all: RawJournalEntry[] = []
    const limit = this.#size
    scanLines(fd, (bytes, line, start) => {
      if (start >= limit) return
      const check = checkLine(bytes, line, undefined, this.#stationId)
      if ('reason' in check) throw corruptLine(this.file, line, check.reason)
      all.push(check.entry)
    })
    return all
  }

  /**
   * One confirmed line read again by its place (a credential wanted by an export): its bytes must
   * still hash to what the next line (or the head) says, else JOURNAL_CORRUPT.
   */
  readLine(seq: number, at: LineAt): RawJournalEntry {
    const fd = this.#readable()
    if (seq < 1 || seq > this.#head.seq || at.start + at.length >= this.#size) {
      throw corruptLine(this.file, seq, 'the line is not where the index says')
    }
    const last = seq === this.#head.seq
    // The line, then as much of the next one as it takes to reach its end (its `prev` is last):
    // a few kB first, more only for a long next line.
    const limit = this.#size - at.start
    let want = last ? at.length : Math.min(at.length + 1 + NEXT_LINE_PEEK, limit)
    let buffer = Buffer.allocUnsafe(want)
    let got = 0
    for (;;) {
      while (got < want) {
        const n = fs.readSync(fd, buffer, got, want - got, at.start + got)
        if (n === 0) break
        got += n
      }
      if (last || got < want || want >= limit || buffer.indexOf(10, at.length + 1) >= 0) break
      want = Math.min(want * 2, limit)
      const grown = Buffer.allocUnsafe(want)
      buffer.copy(grown, 0, 0, got)
      buffer = grown
    }
    const bytes = buffer.subarray(0, Math.min(at.length, got))
    const expected = last ? this.#head.hash : nextPrev(buffer.subarray(at.length, got))
    if (expected === undefined || sha256Hex(bytes) !== expected) {
      throw corruptLine(
        this.file,
        seq,
        'the line differs from the one Kiln confirmed (its SHA-256 does not match the chain)'
      )
    }
    const check = checkLine(bytes, seq, undefined, this.#stationId)
    if ('reason' in check) throw corruptLine(this.file, seq, check.reason)
    return check.entry
  }

  /** Every confirmed entry, oldest first, read from the file as the caller goes (not kept). */
  *stream(): Generator<Readonly<{ entry: RawJournalEntry; at: LineAt }>> {
    const fd = this.#readable()
    const limit = this.#size
    for (const { bytes, line, start } of lineStream(fd, limit)) {
      const check = checkLine(bytes, line, undefined, this.#stationId)
      if ('reason' in check) throw corruptLine(this.file, line, check.reason)
      yield { entry: check.entry, at: { start, length: bytes.length } }
    }
  }

  append(type: string, data: unknown, ts?: string): RawJournalEntry {
    const [entry] = this.appendMany([{ type, data, ...(ts ? { ts } : {}) }])
    if (!entry) throw new KilnFailure('INTERNAL', 'the journal did not append the entry')
    return entry
  }

  /** Group commit: every item in one write and one fdatasync; all or none are appended. */
  appendMany(items: readonly JournalItem[]): RawJournalEntry[] {
    const fd = this.#writable()
    if (items.length === 0) return []
    const stationId = this.#stationId
    if (stationId === undefined) {
      throw new KilnFailure('INTERNAL', 'An empty journal needs a station id to append to.')
    }
    let seq = this.#head.seq
    let prev = this.#head.hash
    const parts: Buffer[] = []
    const added: RawJournalEntry[] = []
    const places: LineAt[] = []
    let at = this.#size
    for (const item of items) {
      if (typeof item.type !== 'string' || item.type === '') {
        throw new KilnFailure('INTERNAL', 'a journal entry needs a non-empty type')
      }
      const ts = item.ts ?? new Date().toISOString()
      seq++
      const line = JSON.stringify({
        seq,
        ts,
        station: stationId,
        type: item.type,
        ...(item.v !== undefined ? { v: item.v } : {}),
        data: item.data ?? null,
        prev
      })
      const bytes = Buffer.from(line, 'utf8')
      prev = sha256Hex(bytes)
      // Kept as it will read back after a restart (dates become strings, undefined disappears).
      const check = checkLine(bytes, seq, undefined, stationId)
      if ('reason' in check) throw new KilnFailure('INTERNAL', `journal entry: ${check.reason}`)
      added.push(check.entry)
      places.push({ start: at, length: bytes.length })
      at += bytes.length + 1
      parts.push(bytes, NEWLINE)
    }
    const buffer = Buffer.concat(parts)
    try {
      let written = 0
      while (written < buffer.length) written += fs.writeSync(fd, buffer, written)
    } catch (e) {
      this.#rollback(fd, e)
    }
    try {
      fs.fdatasyncSync(fd)
    } catch (e) {
      // After a failed fsync the page cache cannot be trusted: stop writing (fsyncgate).
      const outcome = 'reopen the station to see what was kept.'
      this.#failed = isDiskFull(e)
        ? diskFull('the journal', outcome)
        : new KilnFailure(
            'INTERNAL',
            `The journal could not be saved to disk (${errorCode(e)}); ${outcome}`
          )
      throw this.#failed
    }
    const first = this.#head.seq + 1
    this.#size += buffer.length
    this.#head = { seq, hash: prev }
    this.#writeSeal(fd)
    added.forEach((entry, i) => {
      this.#entries?.push(entry)
      const place = places[i]
      if (place) this.#onEntry?.(entry, first + i, place)
    })
    return added
  }

  /**
   * Records how the journal is now (journal.seal), so the next open can skip hashing what was
   * verified. Appends do it themselves; call it once after an open the caller accepted (a
   * refused open must leave every file as it was).
   */
  seal(): void {
    if (this.#fd !== undefined && !this.#failed) this.#writeSeal(this.#fd)
  }

  /** Refuses every further append with this failure (the chain was found damaged). */
  refuse(failure: KilnFailure): void {
    this.#failed ??= failure
  }

  close(): void {
    this.#seal?.close()
    if (this.#fd === undefined) return
    const fd = this.#fd
    this.#fd = undefined
    fs.closeSync(fd)
  }

  #writeSeal(fd: number): void {
    if (!this.#seal) return
    try {
      this.#seal.write(sealOf(fs.fstatSync(fd, { bigint: true }), this.#head.seq, this.#head.hash))
    } catch (error) {
      // A missing seal only costs the next open a full verification.
      logger.warn(`could not update ${path.basename(this.#seal.file)} (${errorCode(error)})`)
    }
  }

  /** Reading stays possible after a refusal (the screens still show what was confirmed). */
  #readable(): number {
    if (this.#fd === undefined) throw new KilnFailure('INTERNAL', 'The journal is closed.')
    return this.#fd
  }

  #writable(): number {
    if (this.#failed) throw this.#failed
    if (this.#fd === undefined) throw new KilnFailure('INTERNAL', 'The journal is closed.')
    return this.#fd
  }

  /** A failed or short write: cut the file back to the last complete entry, then report. */
  #rollback(fd: number, cause: unknown): never {
    try {
      fs.ftruncateSync(fd, this.#size)
    } catch {
      this.#failed = new KilnFailure(
        'INTERNAL',
        `The journal could not be written (${errorCode(cause)}); reopen the station.`
      )
      throw this.#failed
    }
    if (isDiskFull(cause)) throw diskFull('the journal', 'nothing of this step was recorded.')
    throw new KilnFailure(
      'INTERNAL',
      `The journal could not be written (${errorCode(cause)}); nothing was recorded.`
    )
  }
}

/** How far past a line readLine first reads for the next line's `prev` (lines are a few kB). */
const NEXT_LINE_PEEK = 8 * 1024
const PREV_AT_END = /,"prev":"([0-9a-f]{64})"\}$/

/** The `prev` of the line that follows ("\n" + that line, maybe cut short): the last key written. */
function nextPrev(after: Buffer): string | undefined {
  if (after[0] !== 10) return undefined
  const end = after.indexOf(10, 1)
  if (end < 0) return undefined
  return PREV_AT_END.exec(after.subarray(1, end).toString('latin1'))?.[1]
}

function errorCode(e: unknown): string {
  return errnoOf(e) ?? (e instanceof Error ? e.message : String(e))
}

export function corruptLine(file: string, line: number, reason: string): KilnFailure {
  return new KilnFailure('JOURNAL_CORRUPT', `${path.basename(file)} line ${line}: ${reason}`, {
    path: file,
    row: line
  })
}

/** Reads and checks every line at open (see the file comment); truncates a torn tail. */
function readJournal(file: string, fd: number, options: JournalOptions): Opened {
  const stat = fs.fstatSync(fd, { bigint: true })
  const seal = options.sealFile ? readSeal(options.sealFile) : undefined
  const trusted = seal !== undefined && sealMatches(seal, stat)
  // Lines that start before this offset were sealed by Kiln and are not hashed again.
  const verifyFrom = trusted ? Number(seal.size) : 0
  const retain = options.retain ?? true
  const entries: RawJournalEntry[] = []
  const resumed =
    trusted && options.resume && !retain
      ? resumable(fd, seal, options.resume, options.stationId)
      : undefined
  let stationId = options.stationId ?? resumed?.station
  let count = resumed ? resumed.seq : 0
  let prevHash = trusted ? seal.head : GENESIS_HASH
  let sealedHashSeen: string | undefined
  // A line that cannot parse and holds NUL bytes is what a power cut leaves in an
  // unsynced write: it is torn if it is the last line, damage otherwise.
  let zeroFilled: { line: number; start: number; reason: string } | undefined
  const corrupt = (line: number, reason: string): KilnFailure => corruptLine(file, line, reason)

  options.onStart?.(resumed?.seq ?? 0)
  const scan = scanLines(
    fd,
    (bytes, line, start) => {
      if (zeroFilled) throw corrupt(zeroFilled.line, zeroFilled.reason)
      const hashed = start >= verifyFrom
      const check = checkLine(bytes, line, hashed ? prevHash : undefined, stationId)
      if ('reason' in check) {
        if (bytes.includes(0)) {
          zeroFilled = { line, start, reason: check.reason }
          return
        }
        throw corrupt(line, check.reason)
      }
      stationId ??= check.entry.station
      count++
      if (hashed) {
        prevHash = sha256Hex(bytes)
        if (seal && line === seal.seq) sealedHashSeen = prevHash
      }
      if (retain) entries.push(check.entry)
      options.onEntry?.(check.entry, line, { start, length: bytes.length })
    },
    resumed?.offset ?? 0,
    resumed?.seq ?? 0
  )

  if (!trusted && seal) checkAgainstSeal(file, seal, count, sealedHashSeen)

  let end = scan.completeEnd
  let tornBytes = scan.tailBytes
  if (zeroFilled) {
    tornBytes += end - zeroFilled.start
    end = zeroFilled.start
  }
  if (tornBytes > 0) {
    fs.ftruncateSync(fd, end)
    fs.fsyncSync(fd)
    const warn = options.onWarning ?? ((m: string) => logger.warn(m))
    warn(
      `${path.basename(file)}: removed an incomplete last line (${tornBytes} bytes) left by an interrupted write; ` +
        `the journal ends at entry ${count}`
    )
  }
  const head = { seq: count, hash: prevHash }
  return {
    stationId,
    fd,
    size: end,
    head,
    entries: retain ? entries : undefined,
    verification: {
      mode: trusted ? 'sealed' : 'full',
      size: end,
      head,
      resumedAt: resumed?.seq ?? 0
    }
  }
}

/**
 * A resume point is sound when it lies within what the (trusted) seal covers and its line is
 * still there, whole, with the recorded hash and seq. Returns where to go on, or undefined.
 */
function resumable(
  fd: number,
  seal: JournalSeal,
  point: ResumePoint,
  stationId: string | undefined
): { seq: number; offset: number; station: string } | undefined {
  const { seq, head, offset, lastLineStart } = point
  if (seq < 1 || seq > seal.seq || offset > Number(seal.size) || lastLineStart >= offset) {
    return undefined
  }
  if (seq === seal.seq && head !== seal.head) return undefined
  const bytes = Buffer.alloc(offset - lastLineStart)
  if (fs.readSync(fd, bytes, 0, bytes.length, lastLineStart) !== bytes.length) return undefined
  if (lastLineStart > 0) {
    const before = Buffer.alloc(1)
    if (fs.readSync(fd, before, 0, 1, lastLineStart - 1) !== 1 || before[0] !== 10) return undefined
  }
  const line = bytes.subarray(0, bytes.length - 1)
  if (bytes[bytes.length - 1] !== 10 || line.includes(10) || sha256Hex(line) !== head) {
    return undefined
  }
  const check = checkLine(line, seq, undefined, stationId)
  return 'reason' in check ? undefined : { seq, offset, station: check.entry.station }
}

/**
 * A seal that no longer matches the file still says what Kiln had confirmed: that many entries,
 * the last with that hash. Fewer entries, or another hash there, means lines were removed or the
 * sealed line itself was changed (an edit of the last line breaks no later link).
 */
function checkAgainstSeal(
  file: string,
  seal: JournalSeal,
  count: number,
  sealedHash: string | undefined
): void {
  if (seal.seq > count) {
    throw corruptLine(
      file,
      count + 1,
      `the journal ends at entry ${count}, but Kiln had confirmed ${seal.seq} entries (lines were removed)`
    )
  }
  const hash = seal.seq === 0 ? GENESIS_HASH : sealedHash
  if (seal.seq > 0 && hash !== seal.head) {
    throw corruptLine(
      file,
      seal.seq,
      'the line differs from the one Kiln confirmed (its SHA-256 is not the one Kiln recorded)'
    )
  }
}
