/**
 * The journal's seal (journal.seal, beside journal.ndjson): how Kiln left the journal after its
 * last commit — size, inode, device, ctime and mtime in nanoseconds — and the chain head then
 * (seq and SHA-256 of the last line). Opening compares it with the file: if the file is exactly as
 * Kiln left it, only what lies after the sealed size is hashed; if anything else touched the file
 * (an editor, sed, cp, touch: each changes ctime, which no program can set back), the whole chain
 * is verified before anything else happens. The seal is rewritten in place after every commit and
 * never fsynced: a lost or torn seal only costs one full verification.
 */
import fs from 'node:fs'
import { z } from 'zod'
import { sha256Hex } from './journal-lines.js'

export const SEAL_FORMAT = 'kiln-journal-seal/1'

const digits = z.string().regex(/^\d{1,40}$/)

const sealSchema = z.strictObject({
  format: z.literal(SEAL_FORMAT),
  size: digits,
  ino: digits,
  dev: digits,
  ctimeNs: digits,
  mtimeNs: digits,
  seq: z.number().int().nonnegative(),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  check: z.string().regex(/^[0-9a-f]{64}$/)
})

export type JournalSeal = Readonly<{
  /** The file's identity and size as Kiln left it (decimal strings of 64-bit values). */
  size: string
  ino: string
  dev: string
  ctimeNs: string
  mtimeNs: string
  /** Entries in the journal then, and the SHA-256 of the last one (the genesis hash if none). */
  seq: number
  head: string
}>

type FileStat = Readonly<{
  size: bigint
  ino: bigint
  dev: bigint
  ctimeNs: bigint
  mtimeNs: bigint
}>

export function sealOf(stat: FileStat, seq: number, head: string): JournalSeal {
  return {
    size: String(stat.size),
    ino: String(stat.ino),
    dev: String(stat.dev),
    ctimeNs: String(stat.ctimeNs),
    mtimeNs: String(stat.mtimeNs),
    seq,
    head
  }
}

function body(seal: JournalSeal): string {
  const { size, ino, dev, ctimeNs, mtimeNs, seq, head } = seal
  return JSON.stringify({ format: SEAL_FORMAT, size, ino, dev, ctimeNs, mtimeNs, seq, head })
}

/** The seal's text: its fields and a SHA-256 over them (a torn or hand-edited seal is ignored). */
export function sealText(seal: JournalSeal): string {
  const text = body(seal)
  return `${text.slice(0, -1)},"check":"${sha256Hex(Buffer.from(text, 'utf8'))}"}\n`
}

/** The seal on disk, or undefined when there is none or it is not intact. */
export function readSeal(file: string): JournalSeal | undefined {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  const parsed = sealSchema.safeParse(value)
  if (!parsed.success) return undefined
  const { format: _format, check, ...seal } = parsed.data
  return sha256Hex(Buffer.from(body(seal), 'utf8')) === check ? seal : undefined
}

/** True when the file is exactly as the seal says Kiln left it. */
export function sealMatches(seal: JournalSeal, stat: FileStat): boolean {
  const now = sealOf(stat, seal.seq, seal.head)
  return (
    now.size === seal.size &&
    now.ino === seal.ino &&
    now.dev === seal.dev &&
    now.ctimeNs === seal.ctimeNs &&
    now.mtimeNs === seal.mtimeNs
  )
}

/** Keeps one descriptor open and rewrites the seal in place (one write, no fsync). */
export class SealWriter {
  readonly file: string
  #fd: number | undefined

  constructor(file: string) {
    this.file = file
  }

  write(seal: JournalSeal): void {
    const bytes = Buffer.from(sealText(seal), 'utf8')
    this.#fd ??= fs.openSync(this.file, 'w', 0o600)
    fs.writeSync(this.#fd, bytes, 0, bytes.length, 0)
    fs.ftruncateSync(this.#fd, bytes.length)
  }

  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd)
    this.#fd = undefined
  }
}
