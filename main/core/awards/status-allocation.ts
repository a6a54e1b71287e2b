/**
 * Where this station's awards get their status bits: the list (rolling over to a new one when the
 * current list is full) and a random index in it, the URL of each list, and the capacity check a
 * batch makes before it issues anything.
 */
import type { Station } from '../station/station.js'
import {
  allocateSlot,
  refuseFull,
  remainingCapacity,
  statusListLimits,
  statusListUrl,
  type ReservedSlots,
  type StatusListLimits
} from '../status/rollover.js'
import type { StatusSlot } from '../status/status-slots.js'
import { pooledRandom } from './random-pool.js'

export function stationStatusLimits(station: Station): StatusListLimits {
  return statusListLimits(station.catalog.statusList.lengthBits, station.statusListOverrides)
}

/** The URL of this station's status list number `list` (list 1: the catalog's). */
export function ownStatusListUrl(station: Station, list: number): string {
  return statusListUrl(station.catalog.statusList.url, list)
}

/** Every list of this station, from 1 to the newest, with its URL. */
export function ownStatusLists(station: Station): Array<{ list: number; url: string }> {
  return station.awards.statusSlots
    .listNumbers()
    .map((list) => ({ list, url: ownStatusListUrl(station, list) }))
}

/** A free position for one more award of this commit (`reserved`: taken in it already). */
export function reserveSlot(station: Station, reserved: ReservedSlots): StatusSlot {
  return allocateSlot(
    station.awards.statusSlots,
    stationStatusLimits(station),
    reserved,
    pooledRandom
  )
}

/**
 * Refuses (STATUS_LISTS_FULL, nothing issued) when `count` more awards would not fit in the rest
 * of the current list and the lists the station may still start, less what running batches hold
 * (`ownHold`: the caller's own hold, which it may use).
 */
export function ensureStatusCapacity(station: Station, count: number, ownHold?: string): void {
  const limits = stationStatusLimits(station)
  const free = remainingCapacity(station.awards.statusSlots, limits)
  const remaining = Math.max(0, free - station.statusHolds.total(ownHold))
  if (count > remaining) refuseFull(limits, count, remaining)
}
