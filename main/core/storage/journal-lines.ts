/**
 * Reading journal.ndjson: a chunked line scanner (the file may hold 50,000 large lines) and
 * the checks every line must pass. Shared by Journal.open and verifyJournal.
 */
import fs from 'node:fs'
import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

/**
 * One line as the storage layer sees it: the envelope checked here, `data` still unknown. The
 * station reads it through main/core/journal (one schema per event type and version `v`; lines
 * written before versions existed have none and read as v1).
 */
export type RawJournalEntry<D = unknown> = Readonly<{
  seq: number
  ts: string
  station: string
  type: string
  v?: number
  data: D
  prev: string
}>

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export type ScanResult = Readonly<{
  /** Complete lines seen. */
  lines: number
  /** Byte offset just after the last '\n'. */
  completeEnd: number
  /** Bytes after the last '\n' (a torn write). */
  tailBytes: number
}>

const CHUNK = 4 * 1024 * 1024

/**
 * Calls onLine(bytes without '\n', 1-based line number, byte offset) for every complete line,
 * from byte `from` (a line start) on, numbering lines after `linesBefore`.
 */
export function scanLines(
  fd: number,
  onLine: (bytes: Buffer, line: number, start: number) => void,
  from = 0,
  linesBefore = 0
): ScanResult {
  let pending: Buffer[] = []
  let pendingStart = from
  let offset = from
  let line = linesBefore
  let completeEnd = from
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK)
    const read = fs.readSync(fd, chunk, 0, CHUNK, offset)
    if (read === 0) break
    let pos = 0
    for (;;) {
      const nl = chunk.indexOf(10, pos)
      if (nl < 0 || nl >= read) break
      const piece = chunk.subarray(pos, nl)
      const start = pending.length > 0 ? pendingStart : offset + pos
      const bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece
      pending = []
      line++
      onLine(bytes, line, start)
      pos = nl + 1
      completeEnd = offset + pos
    }
    if (pos < read) {
      if (pending.length === 0) pendingStart = offset + pos
      pending.push(chunk.subarray(pos, read))
    }
    offset += read
  }
  return { lines: line, completeEnd, tailBytes: offset - completeEnd }
}

/** The same walk as scanLines, as a generator (whole-history readers stream, never hold it all). */
export function* lineStream(
  fd: number,
  limit: number
): Generator<Readonly<{ bytes: Buffer; line: number; start: number }>> {
  let carry = Buffer.alloc(0)
  let carryStart = 0
  let offset = 0
  let line = 0
  while (offset < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit - offset))
    const read = fs.readSync(fd, chunk, 0, chunk.length, offset)
    if (read === 0) break
    const data =
      carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read)
    const base = carry.length > 0 ? carryStart : offset
    let pos = 0
    for (;;) {
      const nl = data.indexOf(10, pos)
      if (nl < 0) break
      line++
      yield { bytes: data.subarray(pos, nl), line, start: base + pos }
      pos = nl + 1
    }
    carry = data.subarray(pos)
    carryStart = base + pos
    offset += read
  }
}

export type LineCheck = Readonly<{ entry: RawJournalEntry } | { reason: string }>

const HEX64 = /^[0-9a-f]{64}$/

/**
 * Checks one line against what must come next: its seq, and (when given) the hash of the
 * previous line and the station id.
 */
export function checkLine(
  bytes: Buffer,
  expectedSeq: number,
  expectedPrev: string | undefined,
  station: string | undefined
): LineCheck {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    return { reason: bytes.length === 0 ? 'the line is empty' : 'the line is not valid JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { reason: 'the line is not a JSON object' }
  }
  const e = value as Record<string, unknown>
  if (typeof e.seq !== 'number' || !Number.isInteger(e.seq)) {
    return { reason: 'seq is missing or not an integer' }
  }
  if (e.seq !== expectedSeq) return { reason: `seq is ${e.seq}, expected ${expectedSeq}` }
  if (typeof e.ts !== 'string') return { reason: 'ts is missing or not a string' }
  if (typeof e.station !== 'string') return { reason: 'station is missing or not a string' }
  if (typeof e.type !== 'string' || e.type === '') return { reason: 'type is missing or empty' }
  if ('v' in e && (typeof e.v !== 'number' || !Number.isInteger(e.v) || e.v < 1)) {
    return { reason: 'v is not a positive integer' }
  }
  if (!('data' in e)) return { reason: 'data is missing' }
  if (typeof e.prev !== 'string' || !HEX64.test(e.prev)) {
    return { reason: 'prev is not a SHA-256 hex digest' }
  }
  if (station !== undefined && e.station !== station) {
    return {
      reason: `the entry belongs to station ${JSON.stringify(e.station)}, not ${JSON.stringify(station)}`
    }
  }
  if (expectedPrev !== undefined && e.prev !== expectedPrev) {
    return {
      reason:
        expectedSeq === 1
          ? 'the first entry must link to the genesis hash (64 zeros)'
          : `prev does not match the SHA-256 of line ${expectedSeq - 1} (that line or this one was changed, or a line was removed)`
    }
  }
  const entry: RawJournalEntry =
    typeof e.v === 'number'
      ? {
          seq: e.seq,
          ts: e.ts,
          station: e.station,
          type: e.type,
          v: e.v,
          data: e.data,
          prev: e.prev
        }
      : { seq: e.seq, ts: e.ts, station: e.station, type: e.type, data: e.data, prev: e.prev }
  return { entry }
}
