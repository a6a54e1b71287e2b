/**
 * Walking the whole chain: every line's envelope, seq and link (`kiln audit verify`, backups
 * before a restore, and the background check after a sealed open). Never throws on damage: the
 * first broken line is reported. The async walk reads in chunks and yields to the event loop, so
 * a long-lived host keeps answering while a large journal is checked.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { AuditReport } from '../../../shared/types.js'
import { errnoOf } from './disk-full.js'
import { GENESIS_HASH, checkLine, scanLines, sha256Hex } from './journal-lines.js'
import { readSeal, type JournalSeal } from './journal-seal.js'
import { TimeSlicer } from '../jobs/time-slicer.js'

type Broken = { seq: number; line: number; reason: string }

/** Checks lines one by one, in order. */
class ChainWalker {
  private prevHash = GENESIS_HASH
  private station: string | undefined
  private sealedHash: string | undefined
  lines = 0
  firstBroken: Broken | undefined

  /** With the seal Kiln last wrote, the sealed line must still be the one Kiln confirmed. */
  constructor(private readonly seal?: JournalSeal) {}

  line(bytes: Buffer): void {
    this.lines++
    if (!this.firstBroken) {
      const check = checkLine(bytes, this.lines, this.prevHash, this.station)
      if ('reason' in check) {
        this.firstBroken = { seq: this.lines, line: this.lines, reason: check.reason }
      } else this.station ??= check.entry.station
    }
    this.prevHash = sha256Hex(bytes)
    if (this.lines === this.seal?.seq) this.sealedHash = this.prevHash
  }

  report(tailBytes: number, name: string, expectHead?: string): AuditReport {
    if (!this.firstBroken && tailBytes > 0) {
      this.firstBroken = {
        seq: this.lines + 1,
        line: this.lines + 1,
        reason: `incomplete last line (${tailBytes} bytes after the last line break: an interrupted write)`
      }
    }
    const seal = this.seal
    if (!this.firstBroken && seal && seal.seq > this.lines) {
      this.firstBroken = {
        seq: this.lines + 1,
        line: this.lines + 1,
        reason: `the journal ends at entry ${this.lines}, but Kiln had confirmed ${seal.seq} entries (lines were removed)`
      }
    } else if (!this.firstBroken && seal && seal.seq > 0 && this.sealedHash !== seal.head) {
      this.firstBroken = {
        seq: seal.seq,
        line: seal.seq,
        reason:
          'the line differs from the one Kiln confirmed (its SHA-256 is not the one Kiln recorded)'
      }
    }
    const head = this.lines > 0 ? this.prevHash : undefined
    if (!this.firstBroken && expectHead !== undefined && (head ?? GENESIS_HASH) !== expectHead) {
      this.firstBroken = {
        seq: this.lines,
        line: this.lines,
        reason: `the line differs from the one Kiln read when it opened ${name}`
      }
    }
    return {
      ok: this.firstBroken === undefined,
      entries: this.lines,
      ...(this.firstBroken ? { firstBroken: this.firstBroken } : {}),
      ...(head ? { head } : {})
    }
  }
}

function unreadable(file: string, e: unknown): AuditReport {
  const code = errnoOf(e) ?? (e instanceof Error ? e.message : String(e))
  return {
    ok: false,
    entries: 0,
    firstBroken: { seq: 0, line: 0, reason: `${path.basename(file)} cannot be read (${code})` }
  }
}

/** Walks every line and link (synchronously); with `sealFile`, also checks the sealed head. */
export function verifyJournal(file: string, sealFile?: string): AuditReport {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (e) {
    return unreadable(file, e)
  }
  try {
    const walker = new ChainWalker(sealFile ? readSeal(sealFile) : undefined)
    const scan = scanLines(fd, (bytes) => walker.line(bytes))
    return walker.report(scan.tailBytes, path.basename(file))
  } finally {
    fs.closeSync(fd)
  }
}

export type AsyncVerifyOptions = Readonly<{
  /** Only the first `upTo` bytes (what was there at open; later appends were checked as written). */
  upTo?: number
  /** The head the walk must end at (the hash of the last line within `upTo`). */
  expectHead?: string
  /** Stop early (the station is closing). */
  signal?: AbortSignal
  /** journal.seal: the line Kiln sealed last must still be the one it confirmed. */
  sealFile?: string
}>

const CHUNK = 1024 * 1024

/** The same walk, reading 1 MiB at a time and yielding to the event loop between slices. */
export async function verifyJournalAsync(
  file: string,
  options: AsyncVerifyOptions = {}
): Promise<AuditReport> {
  let handle: fsp.FileHandle
  try {
    handle = await fsp.open(file, 'r')
  } catch (e) {
    return unreadable(file, e)
  }
  try {
    const limit = options.upTo ?? (await handle.stat()).size
    const walker = new ChainWalker(options.sealFile ? readSeal(options.sealFile) : undefined)
    const slicer = new TimeSlicer()
    let pending: Buffer[] = []
    let offset = 0
    while (offset < limit) {
      if (options.signal?.aborted) break
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit - offset))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset)
      if (bytesRead === 0) break
      let pos = 0
      for (;;) {
        const nl = chunk.indexOf(10, pos)
        if (nl < 0 || nl >= bytesRead) break
        const piece = chunk.subarray(pos, nl)
        walker.line(pending.length > 0 ? Buffer.concat([...pending, piece]) : piece)
        pending = []
        pos = nl + 1
        await slicer.yieldIfDue()
      }
      if (pos < bytesRead) pending.push(Buffer.from(chunk.subarray(pos, bytesRead)))
      offset += bytesRead
    }
    const tail = pending.reduce((n, b) => n + b.length, 0)
    return walker.report(tail, path.basename(file), options.expectHead)
  } finally {
    await handle.close()
  }
}
