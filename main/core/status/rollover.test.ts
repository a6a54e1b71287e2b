import { describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import {
  MAX_STATUS_LISTS,
  ReservedSlots,
  allocateSlot,
  remainingCapacity,
  statusListLimits,
  statusListUrl
} from './rollover.js'
import { StatusSlots, statusSlotsSnapshotSchema } from './status-slots.js'

describe('status list URLs', () => {
  it('list 1 keeps its URL; later lists number the same name', () => {
    const first = 'https://b.example.org/status/st0a1b2c3d4e-1.json'
    expect(statusListUrl(first, 1)).toBe(first)
    expect(statusListUrl(first, 2)).toBe('https://b.example.org/status/st0a1b2c3d4e-2.json')
    expect(statusListUrl(first, 12)).toBe('https://b.example.org/status/st0a1b2c3d4e-12.json')
    expect(statusListUrl('https://b.example.org/status/list.json', 3)).toBe(
      'https://b.example.org/status/list-3.json'
    )
    expect(() => statusListUrl(first, 0)).toThrow()
  })
})

describe('limits', () => {
  it('production lists hand out every one of their 131,072 entries, up to 1,000 lists', () => {
    expect(statusListLimits(131_072)).toEqual({
      entriesPerList: 131_072,
      maxLists: MAX_STATUS_LISTS
    })
    expect(statusListLimits(131_072, { entriesPerList: 16, maxLists: 2 })).toEqual({
      entriesPerList: 16,
      maxLists: 2
    })
    // an override never hands out more entries than a list has, nor more lists than the bound
    expect(statusListLimits(131_072, { entriesPerList: 10 ** 9, maxLists: 10 ** 9 })).toEqual({
      entriesPerList: 131_072,
      maxLists: MAX_STATUS_LISTS
    })
  })
})

describe('allocateSlot', () => {
  const limits = { entriesPerList: 8, maxLists: 3 }

  it('fills list 1, then list 2, then list 3, counting what this commit reserved', () => {
    const slots = new StatusSlots()
    const reserved = new ReservedSlots()
    const got = Array.from({ length: 24 }, () => allocateSlot(slots, limits, reserved))
    for (const list of [1, 2, 3]) {
      const indexes = got.filter((s) => s.list === list).map((s) => s.index)
      expect(indexes.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    }
    expect(remainingCapacity(slots, limits, reserved)).toBe(0)
    expect(() => allocateSlot(slots, limits, reserved)).toThrow(KilnFailure)
  })

  it('remaining capacity: the rest of the current list and the lists not started', () => {
    const slots = new StatusSlots()
    expect(remainingCapacity(slots, limits)).toBe(24)
    slots.use({ list: 1, index: 3 })
    expect(remainingCapacity(slots, limits)).toBe(23)
    slots.use({ list: 2, index: 0 })
    // list 1's unused entries are not gone back to: the station moved on to list 2
    expect(remainingCapacity(slots, limits)).toBe(7 + 8)
    try {
      allocateSlot(slots, { entriesPerList: 1, maxLists: 2 }, new ReservedSlots())
      throw new Error('expected a failure')
    } catch (e) {
      expect(e).toBeInstanceOf(KilnFailure)
      expect(e instanceof KilnFailure && e.code).toBe('STATUS_LISTS_FULL')
    }
  })
})

describe('StatusSlots', () => {
  it('counts, lists and revokes per list, and survives a snapshot round trip', () => {
    const slots = new StatusSlots()
    for (const index of [5, 131_071, 0]) slots.use({ list: 1, index })
    slots.use({ list: 3, index: 9 })
    slots.revoke({ list: 3, index: 9 }, '2026-03-01T00:00:00Z')
    slots.revoke({ list: 1, index: 131_071 }, '2026-02-01T00:00:00Z')
    slots.revoke({ list: 1, index: 5 }, '2026-01-01T00:00:00Z')
    expect(slots.currentList).toBe(3)
    expect(slots.listNumbers()).toEqual([1, 2, 3])
    expect(slots.usedCount(1)).toBe(3)
    expect(slots.usedCount(2)).toBe(0)
    expect(slots.revokedIndexes(1)).toEqual([5, 131_071])
    expect(slots.lastRevokedAt(1)).toBe('2026-02-01T00:00:00Z')
    expect(slots.lastRevokedAt(2)).toBe('')
    const back = StatusSlots.restore(
      statusSlotsSnapshotSchema.parse(JSON.parse(JSON.stringify(slots.snapshot())))
    )
    expect(back.usedCount(1)).toBe(3)
    expect(back.isUsed({ list: 1, index: 131_071 })).toBe(true)
    expect(back.isUsed({ list: 1, index: 6 })).toBe(false)
    expect(back.revokedIndexes(3)).toEqual([9])
    expect(back.lastRevokedAt(3)).toBe('2026-03-01T00:00:00Z')
    expect(back.currentList).toBe(3)
  })
})
