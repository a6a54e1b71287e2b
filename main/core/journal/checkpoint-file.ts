/**
 * The checkpoint (journal.checkpoint, beside journal.ndjson): every projection's state at one
 * journal entry, so an open reads only the entries after it. One header line, then one section
 * per projection (its snapshot text, exactly `bytes` bytes, then '\n'):
 *
 *   {"format":"kiln-checkpoint/1","station":…,"seq":…,"head":…,"offset":…,"lastLineStart":…,
 *    "sections":[{"key":"awards","bytes":…,"sha256":…},…],"check":<sha256 of the header without check>}
 *
 * The header's `check` covers every section's SHA-256, so an edit anywhere is seen: a header that
 * does not pass is ignored (the open replays the whole journal); a section whose bytes no longer
 * hash to the header's value is refused when first read (that projection is rebuilt from the
 * journal). The file is written to a temporary name and renamed, never fsynced: a lost or torn
 * checkpoint only costs one full replay, and the journal stays the truth.
 */
import fs from 'node:fs'
import { z } from 'zod'
import { sha256Hex } from '../storage/journal-lines.js'
import type { ResumePoint } from '../storage/journal.js'

export const CHECKPOINT_FORMAT = 'kiln-checkpoint/1'

const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const count = z.number().int().nonnegative()

const sectionSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-zA-Z0-9.-]{0,63}$/),
  bytes: count,
  sha256: hex64,
  /** A few numbers a reader may want without the section (`kiln status`: how many awards). */
  counts: z.record(z.string().max(64), count).optional()
})

const headerSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  station: z.string().min(1),
  seq: z.number().int().positive(),
  head: hex64,
  offset: count,
  lastLineStart: count,
  sections: z.array(sectionSchema).max(64),
  check: hex64
})

export type CheckpointPoint = ResumePoint & Readonly<{ station: string }>

type Section = z.output<typeof sectionSchema>

const HEADER_MAX = 64 * 1024

export type CheckpointSection = Readonly<{
  key: string
  /** Text (written as UTF-8) or bytes as they are (a binary section, e.g. the award ledger). */
  text: string | Uint8Array
  counts?: Readonly<Record<string, number>>
}>

function headerBody(point: CheckpointPoint, sections: readonly Section[]): string {
  const { station, seq, head, offset, lastLineStart } = point
  return JSON.stringify({
    format: CHECKPOINT_FORMAT,
    station,
    seq,
    head,
    offset,
    lastLineStart,
    sections: sections.map(({ key, bytes, sha256, counts }) => ({
      key,
      bytes,
      sha256,
      ...(counts ? { counts } : {})
    }))
  })
}

/** Writes the checkpoint (temporary file, then rename; no fsync: see the file comment). */
export function writeCheckpoint(
  file: string,
  point: CheckpointPoint,
  sections: readonly CheckpointSection[]
): void {
  const bodies = sections.map((s) =>
    typeof s.text === 'string' ? Buffer.from(s.text, 'utf8') : Buffer.from(s.text)
  )
  const described = sections.map((s, i) => {
    const body = bodies[i] ?? Buffer.alloc(0)
    return {
      key: s.key,
      bytes: body.length,
      sha256: sha256Hex(body),
      ...(s.counts ? { counts: { ...s.counts } } : {})
    }
  })
  const body = headerBody(point, described)
  const header = `${body.slice(0, -1)},"check":"${sha256Hex(Buffer.from(body, 'utf8'))}"}\n`
  const temp = `${file}.tmp`
  const fd = fs.openSync(temp, 'w', 0o600)
  try {
    writeAll(fd, Buffer.from(header, 'utf8'))
    for (const b of bodies) {
      writeAll(fd, b)
      writeAll(fd, Buffer.from('\n'))
    }
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(temp, file)
}

function writeAll(fd: number, bytes: Buffer): void {
  let done = 0
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done)
}

/** An intact checkpoint header and where its sections lie; sections are read when asked. */
export class CheckpointFile {
  readonly file: string
  readonly point: CheckpointPoint
  readonly #places = new Map<
    string,
    Readonly<{ start: number; bytes: number; sha256: string; counts?: Record<string, number> }>
  >()

  private constructor(
    file: string,
    point: CheckpointPoint,
    sections: readonly Section[],
    at: number
  ) {
    this.file = file
    this.point = point
    let start = at
    for (const s of sections) {
      this.#places.set(s.key, {
        start,
        bytes: s.bytes,
        sha256: s.sha256,
        ...(s.counts ? { counts: s.counts } : {})
      })
      start += s.bytes + 1
    }
  }

  /** The checkpoint, or undefined when there is none or its header is not intact. */
  static read(file: string): CheckpointFile | undefined {
    let head: Buffer
    try {
      const fd = fs.openSync(file, 'r')
      try {
        head = Buffer.alloc(HEADER_MAX)
        head = head.subarray(0, fs.readSync(fd, head, 0, HEADER_MAX, 0))
      } finally {
        fs.closeSync(fd)
      }
    } catch {
      return undefined
    }
    const nl = head.indexOf(10)
    if (nl < 0) return undefined
    let value: unknown
    try {
      value = JSON.parse(head.subarray(0, nl).toString('utf8'))
    } catch {
      return undefined
    }
    const parsed = headerSchema.safeParse(value)
    if (!parsed.success) return undefined
    const { check, format: _format, sections, ...point } = parsed.data
    if (sha256Hex(Buffer.from(headerBody(point, sections), 'utf8')) !== check) return undefined
    return new CheckpointFile(file, point, sections, nl + 1)
  }

  has(key: string): boolean {
    return this.#places.has(key)
  }

  /** The counts written with a section (covered by the header's check). */
  counts(key: string): Readonly<Record<string, number>> | undefined {
    return this.#places.get(key)?.counts
  }

  /** A section's text, or undefined when it is missing, cut short or changed. */
  section(key: string): string | undefined {
    return this.sectionBytes(key)?.toString('utf8')
  }

  /** A section's bytes, or undefined when it is missing, cut short or changed. */
  sectionBytes(key: string): Buffer | undefined {
    const place = this.#places.get(key)
    if (!place) return undefined
    try {
      const fd = fs.openSync(this.file, 'r')
      try {
        const bytes = Buffer.allocUnsafe(place.bytes)
        let got = 0
        while (got < bytes.length) {
          const n = fs.readSync(fd, bytes, got, bytes.length - got, place.start + got)
          if (n === 0) return undefined
          got += n
        }
        return sha256Hex(bytes) === place.sha256 ? bytes : undefined
      } finally {
        fs.closeSync(fd)
      }
    } catch {
      return undefined
    }
  }
}

export const COUNTS_FORMAT = 'kiln-counts/1'

const countsSchema = z.strictObject({
  format: z.literal(COUNTS_FORMAT),
  seq: z.number().int().nonnegative(),
  head: hex64,
  counts: z.record(z.string().max(64), z.record(z.string().max(64), count)),
  check: hex64
})

/** The counts of every projection at one journal head (journal.counts; see the station's use). */
export type HeadCounts = Readonly<{
  seq: number
  head: string
  counts: Readonly<Record<string, Readonly<Record<string, number>>>>
}>

function countsBody(c: HeadCounts): string {
  return JSON.stringify({ format: COUNTS_FORMAT, seq: c.seq, head: c.head, counts: c.counts })
}

/** Writes the counts file in place (no fsync: a lost one only costs a restore). */
export function writeCounts(file: string, c: HeadCounts): void {
  const body = countsBody(c)
  fs.writeFileSync(
    file,
    `${body.slice(0, -1)},"check":"${sha256Hex(Buffer.from(body, 'utf8'))}"}\n`,
    { mode: 0o600 }
  )
}

/** The counts file, or undefined when there is none or it is not intact. */
export function readCounts(file: string): HeadCounts | undefined {
  let value: unknown
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
  const parsed = countsSchema.safeParse(value)
  if (!parsed.success) return undefined
  const { check, format: _format, ...c } = parsed.data
  return sha256Hex(Buffer.from(countsBody(c), 'utf8')) === check ? c : undefined
}
