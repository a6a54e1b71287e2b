/**
 * Other stations of the same issuer, merged into this (lead) station: their public keys and
 * their own signed status list, as last received (data dir `stations/<stationId>.json`).
 * The lead cannot sign for another station's key, so it publishes their list verbatim.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { StationKeyRecord } from '../station/catalog-model.js'
import { writeFileAtomic } from '../storage/atomic-write.js'

export type MergedStation = Readonly<{
  format: 'kiln-merged-station/1'
  stationId: string
  issuerId: string
  keys: readonly StationKeyRecord[]
  /** The station's signed BitstringStatusListCredential, exactly as it exported it. */
  statusList: Record<string, unknown>
  statusListUrl: string
  /**
   * Every list of the station, list 1 first, when it rolled over to more than one (written by
   * Kilns whose lists roll over; absent: only `statusList` at `statusListUrl`).
   */
  statusLists?: ReadonlyArray<MergedStatusList>
  /** The other station's journal head seq when it exported (newer exports win). */
  journalSeq: number
}>

export type MergedStatusList = Readonly<{ url: string; statusList: Record<string, unknown> }>

/** A merged station's lists: all of them, list 1 first. */
export function mergedStatusLists(m: MergedStation): ReadonlyArray<MergedStatusList> {
  return m.statusLists && m.statusLists.length > 0
    ? m.statusLists
    : [{ url: m.statusListUrl, statusList: m.statusList }]
}

export const mergedDir = (dataDir: string): string => path.join(dataDir, 'stations')

export function readMergedStations(dataDir: string): MergedStation[] {
  const dir = mergedDir(dataDir)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as MergedStation)
}

export async function writeMergedStation(dataDir: string, station: MergedStation): Promise<void> {
  mkdirSync(mergedDir(dataDir), { recursive: true, mode: 0o700 })
  const file = path.join(mergedDir(dataDir), `${station.stationId}.json`)
  await writeFileAtomic(file, JSON.stringify(station, null, 2) + '\n')
}
