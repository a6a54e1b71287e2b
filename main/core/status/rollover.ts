/**
 * Status lists that roll over. A station starts with list 1 (the URL in its catalog); when every
 * entry of its newest list is taken, the next award starts list 2 (`<station>-2.json` beside
 * `<station>-1.json`), and so on. Indexes stay random inside the current list (BSL: a position
 * reveals nothing about issue order). Each list published is a full 131,072-entry list (the
 * spec's 16 KB minimum); tests may hand out fewer entries per list so they roll over quickly.
 *
 * The limit: MAX_STATUS_LISTS lists (131 million awards at full size). It is a sanity bound, far
 * beyond any station's journal, that keeps the site, the export and the projection bounded; a
 * batch that would not fit is refused before it issues anything (STATUS_LISTS_FULL).
 */
import { fail } from '../failure.js'
import { allocateStatusIndex, secureRandom } from './allocate.js'
import type { StatusSlot, StatusSlots } from './status-slots.js'

export const MAX_STATUS_LISTS = 1_000

export type StatusListLimits = Readonly<{
  /** Entries handed out per list (the list's length in production; fewer in tests). */
  entriesPerList: number
  /** How many lists the station may have. */
  maxLists: number
}>

/**
 * Tests and benchmarks only: KILN_STATUS_LIST_ENTRIES=<n> hands out n entries per list (8 or
 * more), so a station rolls over after a few awards. The published lists keep their full length.
 */
export function statusListEntriesFromEnv(): number | undefined {
  const raw = process.env.KILN_STATUS_LIST_ENTRIES
  if (!raw) return undefined
  const n = Number(raw)
  return Number.isSafeInteger(n) && n >= 8 ? n : undefined
}

/** The limits of a station whose lists are `lengthBits` long, with optional test overrides. */
export function statusListLimits(
  lengthBits: number,
  overrides: Partial<StatusListLimits> = {}
): StatusListLimits {
  const entries = overrides.entriesPerList ?? statusListEntriesFromEnv() ?? lengthBits
  return {
    entriesPerList: Math.max(1, Math.min(entries, lengthBits)),
    maxLists: Math.max(1, Math.min(overrides.maxLists ?? MAX_STATUS_LISTS, MAX_STATUS_LISTS))
  }
}

/**
 * The URL of list `list`, from list 1's: `…/status/<station>-1.json` → `…-<list>.json` (list 1's
 * URL is never changed, so credentials already issued stay valid).
 */
export function statusListUrl(firstUrl: string, list: number): string {
  if (!Number.isSafeInteger(list) || list < 1) {
    throw new Error(`status list ${list} is not a number`)
  }
  if (list === 1) return firstUrl
  if (/-1\.json$/.test(firstUrl)) return firstUrl.replace(/-1\.json$/, `-${list}.json`)
  if (/\.json$/.test(firstUrl)) return firstUrl.replace(/\.json$/, `-${list}.json`)
  return `${firstUrl}-${list}`
}

/** Entries taken during one commit that the projection does not hold yet. */
export class ReservedSlots {
  readonly #byList = new Map<number, Set<number>>()
  #highest = 0

  has(slot: StatusSlot): boolean {
    return this.#byList.get(slot.list)?.has(slot.index) ?? false
  }

  add(slot: StatusSlot): void {
    const set = this.#byList.get(slot.list) ?? new Set<number>()
    set.add(slot.index)
    this.#byList.set(slot.list, set)
    if (slot.list > this.#highest) this.#highest = slot.list
  }

  count(list: number): number {
    return this.#byList.get(list)?.size ?? 0
  }

  get highestList(): number {
    return this.#highest
  }
}

/** How many more awards fit: the rest of the current list and every list not yet started. */
export function remainingCapacity(
  slots: StatusSlots,
  limits: StatusListLimits,
  reserved: ReservedSlots = new ReservedSlots()
): number {
  const current = Math.max(slots.currentList, reserved.highestList)
  const taken = slots.usedCount(current) + reserved.count(current)
  const inCurrent = Math.max(0, limits.entriesPerList - taken)
  return inCurrent + Math.max(0, limits.maxLists - current) * limits.entriesPerList
}

export function refuseFull(limits: StatusListLimits, wanted: number, remaining: number): never {
  const total = limits.maxLists * limits.entriesPerList
  fail(
    'STATUS_LISTS_FULL',
    remaining === 0
      ? `Every status list of this station is full (${limits.maxLists} lists, ${total} awards); nothing was issued.`
      : `${wanted} awards do not fit: this station's status lists have room for ${remaining} more (${limits.maxLists} lists, ${total} awards in all); nothing was issued.`,
    { wanted, remaining, maxLists: limits.maxLists, entriesPerList: limits.entriesPerList }
  )
}

/**
 * The next free position: a random free index of the current list, or of a new list when the
 * current one is full. Throws STATUS_LISTS_FULL after the last list.
 */
export function allocateSlot(
  slots: StatusSlots,
  limits: StatusListLimits,
  reserved: ReservedSlots,
  random: () => number = secureRandom
): StatusSlot {
  let list = Math.max(slots.currentList, reserved.highestList, 1)
  while (slots.usedCount(list) + reserved.count(list) >= limits.entriesPerList) {
    list++
    if (list > limits.maxLists) refuseFull(limits, 1, 0)
  }
  const taken = {
    has: (index: number) => slots.isUsed({ list, index }) || reserved.has({ list, index })
  }
  const index = allocateStatusIndex(taken, limits.entriesPerList, random)
  const slot = { list, index }
  reserved.add(slot)
  return slot
}
