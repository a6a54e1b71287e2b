/**
 * Which status-list entries this station has handed out, and which of them are revoked, list by
 * list (list numbers start at 1). One bitmap per list and purpose (16 KB each for a full-size
 * list), grown as indexes arrive: compact at a million awards, and a snapshot is just the bytes.
 */
import { base64urlnopad } from '@scure/base'
import { z } from 'zod'

class Bitmap {
  #bytes: Uint8Array = new Uint8Array(0)
  #count = 0

  get count(): number {
    return this.#count
  }

  has(index: number): boolean {
    return ((this.#bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0
  }

  /** Sets the bit; false when it was set already. */
  add(index: number): boolean {
    const at = index >> 3
    if (at >= this.#bytes.length) {
      const grown = new Uint8Array(Math.max(at + 1, this.#bytes.length * 2, 64))
      grown.set(this.#bytes)
      this.#bytes = grown
    }
    const mask = 0x80 >> (index & 7)
    const byte = this.#bytes[at] ?? 0
    if ((byte & mask) !== 0) return false
    this.#bytes[at] = byte | mask
    this.#count++
    return true
  }

  /** The set indexes, ascending. */
  indexes(): number[] {
    const out: number[] = []
    this.#bytes.forEach((byte, at) => {
      for (let bit = 0; byte !== 0 && bit < 8; bit++) {
        if ((byte & (0x80 >> bit)) !== 0) out.push(at * 8 + bit)
      }
    })
    return out
  }

  toBase64(): string {
    return base64urlnopad.encode(this.#bytes)
  }

  static fromBase64(text: string): Bitmap {
    const map = new Bitmap()
    map.#bytes = base64urlnopad.decode(text)
    let n = 0
    for (let b of map.#bytes) for (; b !== 0; b &= b - 1) n++
    map.#count = n
    return map
  }
}

/** A status-list position: which list (1, 2, …) and which index in it. */
export type StatusSlot = Readonly<{ list: number; index: number }>

/** What `StatusSlots.snapshot()` returns: per list, the used and revoked bitmaps (base64url). */
export const statusSlotsSnapshotSchema = z.array(
  z.strictObject({
    used: z.string().regex(/^[\w-]*$/),
    revoked: z.string().regex(/^[\w-]*$/),
    /** The newest revocation's time in this list ('' when none): the list's validFrom. */
    lastRevokedAt: z.string()
  })
)
export type StatusSlotsSnapshot = Readonly<z.output<typeof statusSlotsSnapshotSchema>>

export class StatusSlots {
  /** [0] is list 1. */
  readonly #used: Bitmap[] = []
  readonly #revoked: Bitmap[] = []
  readonly #lastRevokedAt: string[] = []

  #at(maps: Bitmap[], list: number): Bitmap {
    while (maps.length < list) maps.push(new Bitmap())
    const map = maps[list - 1]
    if (!map) throw new Error(`status list ${list} is not a list number`)
    return map
  }

  use(slot: StatusSlot): void {
    this.#at(this.#used, slot.list).add(slot.index)
  }

  /** Marks the entry revoked; `at` (ISO time) dates the list when it is the newest revocation. */
  revoke(slot: StatusSlot, at = ''): void {
    this.#at(this.#revoked, slot.list).add(slot.index)
    while (this.#lastRevokedAt.length < slot.list) this.#lastRevokedAt.push('')
    if (at > (this.#lastRevokedAt[slot.list - 1] ?? '')) this.#lastRevokedAt[slot.list - 1] = at
  }

  /** The time of the newest revocation in a list ('' when it has none). */
  lastRevokedAt(list: number): string {
    return this.#lastRevokedAt[list - 1] ?? ''
  }

  isUsed(slot: StatusSlot): boolean {
    return this.#used[slot.list - 1]?.has(slot.index) ?? false
  }

  usedCount(list: number): number {
    return this.#used[list - 1]?.count ?? 0
  }

  /** The highest list number holding an entry; 1 for a station without awards. */
  get currentList(): number {
    for (let i = this.#used.length; i > 1; i--) if ((this.#used[i - 1]?.count ?? 0) > 0) return i
    return 1
  }

  /** Every list number the station has used (1 … currentList; list 1 always). */
  listNumbers(): number[] {
    return Array.from({ length: this.currentList }, (_, i) => i + 1)
  }

  /** Revoked indexes of one list, ascending (its bits are set in the published list). */
  revokedIndexes(list: number): number[] {
    return this.#revoked[list - 1]?.indexes() ?? []
  }

  revokedCount(list: number): number {
    return this.#revoked[list - 1]?.count ?? 0
  }

  snapshot(): StatusSlotsSnapshot {
    return Array.from({ length: Math.max(this.#used.length, this.#revoked.length) }, (_, i) => ({
      used: this.#used[i]?.toBase64() ?? '',
      revoked: this.#revoked[i]?.toBase64() ?? '',
      lastRevokedAt: this.#lastRevokedAt[i] ?? ''
    }))
  }

  static restore(snapshot: StatusSlotsSnapshot): StatusSlots {
    const slots = new StatusSlots()
    for (const list of snapshot) {
      slots.#used.push(Bitmap.fromBase64(list.used))
      slots.#revoked.push(Bitmap.fromBase64(list.revoked))
      slots.#lastRevokedAt.push(list.lastRevokedAt)
    }
    return slots
  }
}
