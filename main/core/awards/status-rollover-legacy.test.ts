/**
 * Stations written before status lists rolled over (award lines without a list number) read as
 * list 1: their credentials keep pointing at list 1's URL, their revocations stay in list 1, and
 * the station rolls over to list 2 only once list 1 is full.
 */
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../create-core.js'
import {
  LEGACY_PASSPHRASE,
  legacyStationCopy,
  MAIN_STATION_PASSPHRASE,
  mainStationCopy
} from '../catalog/test-support/legacy.js'
import { slotOf } from './ledger.js'

let core: Core | undefined
let dir = ''
afterEach(async () => {
  await core?.close()
  core = undefined
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function call(method: Parameters<Core['dispatch']>[0], input: unknown): Promise<unknown> {
  const result = await core?.dispatch(method, input, { host: 'cli' })
  if (!result?.ok) throw new Error(`${String(method)}: ${JSON.stringify(result?.error)}`)
  return result.value
}

const fixtures = [
  { name: 'legacy-station', copy: legacyStationCopy, passphrase: LEGACY_PASSPHRASE },
  { name: 'main-station', copy: mainStationCopy, passphrase: MAIN_STATION_PASSPHRASE }
]

describe.each(fixtures)('$name (written before lists rolled over)', ({ copy, passphrase }) => {
  it('reads every award as list 1, keeps list 1 for new awards, and rolls over once it is full', async () => {
    dir = copy()
    const raw = fs.readFileSync(`${dir}/journal.ndjson`, 'utf8')
    expect(raw).not.toContain('"statusList"') // the lines say nothing about lists
    const own = (): string[] =>
      core?.station.awards
        .ids()
        .filter((id) => core?.station.awards.record(id)?.stationId === stationId) ?? []
    // Lists of 4 entries for this test only, so one more award than list 1 holds rolls over.
    core = await createCore({ dataDir: dir, host: 'cli', statusLists: { entriesPerList: 4 } })
    const station = core.station
    const stationId = station.catalog.stationId
    const firstUrl = station.catalog.statusList.url
    expect(firstUrl).toBe(`${station.catalog.siteUrl}status/${stationId}-1.json`)
    const before = own()
    expect(before.length).toBeGreaterThan(0)
    for (const id of before) {
      const record = station.awards.record(id)
      if (!record) throw new Error(id)
      expect(slotOf(record).list).toBe(1)
      const status = station.awards.credential(id)?.credentialStatus as Record<string, unknown>
      expect(status.statusListCredential).toBe(firstUrl)
      expect(status.statusListIndex).toBe(String(record.statusIndex))
    }
    expect(station.awards.statusSlots.currentList).toBe(1)
    expect(station.awards.statusSlots.usedCount(1)).toBe(before.length)

    // Its revocations are answered from list 1 by the station's own resolver.
    await call('station:unlock', { passphrase })
    const revoked = before.find((id) => station.awards.isRevoked(id)) ?? ''
    const active = before.find((id) => !station.awards.isRevoked(id)) ?? ''
    const statusOf = async (id: string) =>
      (
        (await call('credentials:verify', { credential: station.awards.credential(id) })) as {
          checks: Array<{ id: string; status: string }>
        }
      ).checks.find((c) => c.id === 'status')?.status
    expect(await statusOf(revoked)).toBe('failed')
    expect(await statusOf(active)).toBe('passed')

    // New awards: list 1 while it has room (4 entries here), then list 2 at its own URL.
    const badgeId = station.catalog.badges.find((b) => b.status === 'published')?.id ?? ''
    const room = Math.max(0, 4 - before.length)
    for (let i = 0; i <= room; i++) {
      await call('awards:issue', { badgeId, email: `new${i}@example.org`, name: `New ${i}` })
    }
    const added = own().slice(before.length)
    const lists = added.map((id) => {
      const record = station.awards.record(id)
      return record ? slotOf(record).list : 0
    })
    expect(lists).toEqual([...Array<number>(room).fill(1), 2])
    const last = station.awards.credential(added.at(-1) ?? '')?.credentialStatus as Record<
      string,
      unknown
    >
    expect(last.statusListCredential).toBe(firstUrl.replace(/-1\.json$/, '-2.json'))
    // the old credentials did not move
    for (const id of before) {
      const status = station.awards.credential(id)?.credentialStatus as Record<string, unknown>
      expect(status.statusListCredential).toBe(firstUrl)
    }
  })
})
