/**
 * The journal (journal.ndjson): append-only, one JSON line per event, each line carrying the
 * SHA-256 of the previous line's bytes (a tamper-evident audit log). An entry is durable when
 * append returns (one write, then fdatasync). On open, a torn last line (a crash mid-write)
 * is cut off with a warning; any other damage is an error and the file is left as it is.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { AuditReport } from '../../../shared/types.js'
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { fsyncDirSync } from './atomic-write.js'
import {
  GENESIS_HASH,
  checkLine,
  scanLines,
  sha256Hex,
  type JournalEntry
} from './journal-lines.js'

export { GENESIS_HASH, type JournalEntry } from './journal-lines.js'

export type JournalHead = Readonly<{ seq: number; hash: string }>

export type JournalOptions = Readonly<{
  stationId: string
  onWarning?: (message: string) => void
  /**
   * 'full' (default) checks every line's link on open; 'tail' checks seq continuity of every
   * line but the hash link of the last line only (verifyJournal does the full walk).
   */
  verify?: 'full' | 'tail'
  /** Called for every entry read at open and every entry appended afterwards. */
  onEntry?: (entry: JournalEntry) => void
  /**
   * Keep every entry in memory (default). A station passes false and builds its own compact
   * indexes through onEntry; entries() then reads the file again when asked.
   */
  retain?: boolean
}>

export type JournalItem = Readonly<{ type: string; data: unknown; ts?: string }>

const NEWLINE = Buffer.from('\n')

export class Journal {
  readonly file: string
  readonly stationId: string
  #fd: number | undefined
  #size: number
  #head: JournalHead
  #entries: JournalEntry[] | undefined
  #onEntry: ((entry: JournalEntry) => void) | undefined
  #failed: KilnFailure | undefined

  private constructor(
    file: string,
    stationId: string,
    fd: number,
    size: number,
    head: JournalHead,
    entries: JournalEntry[] | undefined,
    onEntry: ((entry: JournalEntry) => void) | undefined
  ) {
    this.file = file
    this.stationId = stationId
    this.#fd = fd
    this.#size = size
    this.#head = head
    this.#entries = entries
    this.#onEntry = onEntry
  }

  static open(file: string, options: JournalOptions): Journal {
    const name = path.basename(file)
    const existed = fs.existsSync(file)
    const fd = fs.openSync(file, 'a+', 0o600)
    try {
      if (!existed) fsyncDirSync(path.dirname(file))
      const full = (options.verify ?? 'full') === 'full'
      const retain = options.retain ?? true
      const entries: JournalEntry[] = []
      let count = 0
      let lastEntry: JournalEntry | undefined
      let prevHash = GENESIS_HASH
      let last: { bytes: Buffer; line: number; start: number } | undefined
      let previous: Buffer | undefined
      // A line that cannot parse and holds NUL bytes is what a power cut leaves in an
      // unsynced write: it is torn if it is the last line, damage otherwise.
      let zeroFilled: { line: number; start: number; reason: string } | undefined
      const corrupt = (line: number, reason: string): KilnFailure =>
        new KilnFailure('JOURNAL_CORRUPT', `${name} line ${line}: ${reason}`, {
          path: file,
          row: line
        })

      const scan = scanLines(fd, (bytes, line, start) => {
        if (zeroFilled) throw corrupt(zeroFilled.line, zeroFilled.reason)
        const expectedPrev = full ? prevHash : undefined
        const check = checkLine(bytes, line, expectedPrev, options.stationId)
        if ('reason' in check) {
          if (bytes.includes(0)) {
            zeroFilled = { line, start, reason: check.reason }
            return
          }
          throw corrupt(line, check.reason)
        }
        count++
        lastEntry = check.entry
        if (retain) entries.push(check.entry)
        options.onEntry?.(check.entry)
        if (full) prevHash = sha256Hex(bytes)
        else previous = last?.bytes
        last = { bytes, line, start }
      })

      if (!full && last) {
        // Only the last link and the head: enough to append safely.
        const expected = previous ? sha256Hex(previous) : GENESIS_HASH
        if (lastEntry && lastEntry.prev !== expected) {
          throw corrupt(last.line, 'prev does not match the SHA-256 of the line before it')
        }
        prevHash = sha256Hex(last.bytes)
      }

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
          `${name}: removed an incomplete last line (${tornBytes} bytes) left by an interrupted write; ` +
            `the journal ends at entry ${count}`
        )
      }
      return new Journal(
        file,
        options.stationId,
        fd,
        end,
        { seq: count, hash: prevHash },
        retain ? entries : undefined,
        options.onEntry
      )
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

  /**
   * Every entry, oldest first. Retained journals return their own array (do not mutate);
   * others read the file again (for rare whole-history work such as exports).
   */
  entries(): readonly JournalEntry[] {
    if (this.#entries) return this.#entries
    const fd = this.#writable()
    const all: JournalEntry[] = []
    const limit = this.#size
    scanLines(fd, (bytes, _line, start) => {
      if (start < limit) all.push(JSON.parse(bytes.toString('utf8')) as JournalEntry)
    })
    return all
  }

  append<D>(type: string, data: D, ts?: string): JournalEntry<D> {
    const [entry] = this.appendMany([{ type, data, ts }])
    if (!entry) throw new KilnFailure('INTERNAL', 'the journal did not append the entry')
    return entry as JournalEntry<D>
  }

  /** Group commit: every item in one write and one fdatasync; all or none are appended. */
  appendMany(items: readonly JournalItem[]): JournalEntry[] {
    const fd = this.#writable()
    if (items.length === 0) return []
    let seq = this.#head.seq
    let prev = this.#head.hash
    const parts: Buffer[] = []
    const added: JournalEntry[] = []
    for (const item of items) {
      if (typeof item.type !== 'string' || item.type === '') {
        throw new KilnFailure('INTERNAL', 'a journal entry needs a non-empty type')
      }
      const ts = item.ts ?? new Date().toISOString()
      seq++
      const line = JSON.stringify({
        seq,
        ts,
        station: this.stationId,
        type: item.type,
        data: item.data ?? null,
        prev
      })
      const bytes = Buffer.from(line, 'utf8')
      prev = sha256Hex(bytes)
      // Kept as it will read back after a restart (dates become strings, undefined disappears).
      added.push(JSON.parse(line) as JournalEntry)
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
      this.#failed = new KilnFailure(
        'INTERNAL',
        `The journal could not be saved to disk (${errorCode(e)}); reopen the station.`
      )
      throw this.#failed
    }
    this.#size += buffer.length
    this.#head = { seq, hash: prev }
    for (const entry of added) {
      this.#entries?.push(entry)
      this.#onEntry?.(entry)
    }
    return added
  }

  close(): void {
    if (this.#fd === undefined) return
    const fd = this.#fd
    this.#fd = undefined
    fs.closeSync(fd)
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
    throw new KilnFailure(
      'INTERNAL',
      `The journal could not be written (${errorCode(cause)}); nothing was recorded.`
    )
  }
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? (e instanceof Error ? e.message : String(e))
}

/** Walks every line and link; never throws on damage (it is reported). */
export function verifyJournal(file: string): AuditReport {
  const name = path.basename(file)
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (e) {
    return {
      ok: false,
      entries: 0,
      firstBroken: { seq: 0, line: 0, reason: `${name} cannot be read (${errorCode(e)})` }
    }
  }
  try {
    let prevHash = GENESIS_HASH
    let station: string | undefined
    let firstBroken: { seq: number; line: number; reason: string } | undefined
    const scan = scanLines(fd, (bytes, line) => {
      if (!firstBroken) {
        const check = checkLine(bytes, line, prevHash, station)
        if ('reason' in check) firstBroken = { seq: line, line, reason: check.reason }
        else station ??= check.entry.station
      }
      prevHash = sha256Hex(bytes)
    })
    if (!firstBroken && scan.tailBytes > 0) {
      firstBroken = {
        seq: scan.lines + 1,
        line: scan.lines + 1,
        reason: `incomplete last line (${scan.tailBytes} bytes after the last line break: an interrupted write)`
      }
    }
    const head = scan.lines > 0 ? prevHash : undefined
    return {
      ok: firstBroken === undefined,
      entries: scan.lines,
      ...(firstBroken ? { firstBroken } : {}),
      ...(head ? { head } : {})
    }
  } finally {
    fs.closeSync(fd)
  }
}
