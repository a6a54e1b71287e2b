/**
 * A station whose lists rolled over exports every list; the lead merges them all, publishes them
 * verbatim, and its bundle verifies (a revocation in the other station's list 2 included).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../create-core.js'
import { slotOf } from '../awards/ledger.js'
import { callCore, exportAndWait } from './site-test-kit.test-support.js'

const PASS = 'rollover merge passphrase'
const SITE = 'https://badges.example.org/'
const dirs: string[] = []
const cores: Core[] = []

afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function station(entriesPerList?: number): Promise<{ core: Core; badgeId: string }> {
  process.env.KILN_SCRYPT_N ??= '16384'
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-rollover-merge-'))
  dirs.push(dir)
  const core = await createCore({
    dataDir: dir,
    host: 'cli',
    ...(entriesPerList ? { statusLists: { entriesPerList } } : {})
  })
  cores.push(core)
  await callCore(core, 'station:init', {
    issuerName: 'Org',
    issuerUrl: 'https://example.org/',
    siteUrl: SITE,
    passphrase: PASS
  })
  const badge = await callCore(core, 'badges:create', {
    name: 'B',
    description: 'd',
    criteriaNarrative: 'c'
  })
  await callCore(core, 'badges:publish', { id: badge.id })
  return { core, badgeId: badge.id }
}

describe('merging a station with several status lists', () => {
  it('the lead publishes every list of the other station; its bundle verifies', async () => {
    const lead = await station()
    const other = await station(8)
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      const award = await callCore(other.core, 'awards:issue', {
        badgeId: other.badgeId,
        email: `p${i}@example.org`,
        name: `P ${i}`
      })
      ids.push(award.id)
    }
    const inList2 = ids.filter((id) => {
      const record = other.core.station.awards.record(id)
      return record ? slotOf(record).list === 2 : false
    })
    expect(inList2).toHaveLength(2)
    const revoked = inList2[0] ?? ''
    await callCore(other.core, 'awards:revoke', { id: revoked, reason: 'test' })
    const file = path.join(dirs[1] ?? '', '..', `${path.basename(dirs[1] ?? '')}-export.json`)
    dirs.push(file)
    await callCore(other.core, 'stations:export', { outFile: file })
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      statusLists: Array<{ url: string }>
    }
    const otherId = other.core.station.catalog.stationId
    expect(exported.statusLists.map((l) => l.url)).toEqual([
      `${SITE}status/${otherId}-1.json`,
      `${SITE}status/${otherId}-2.json`
    ])

    const merged = await callCore(lead.core, 'stations:merge', { file })
    expect(merged).toMatchObject({ added: 10, revoked: 1, unchanged: false })
    // merged awards live in the other station's lists, not in the lead's
    expect(lead.core.station.awards.statusSlots.usedCount(1)).toBe(0)

    const out = path.join(dirs[0] ?? '', '..', `${path.basename(dirs[0] ?? '')}-site`)
    dirs.push(out)
    await exportAndWait(lead.core, { out, full: true })
    const manifest = JSON.parse(readFileSync(path.join(out, 'kiln-manifest.json'), 'utf8')) as {
      statusLists: Record<string, string>
    }
    expect(Object.keys(manifest.statusLists)).toEqual(
      expect.arrayContaining([`status/${otherId}-1.json`, `status/${otherId}-2.json`])
    )
    const list2 = JSON.parse(
      readFileSync(path.join(out, 'status', `${otherId}-2.json`), 'utf8')
    ) as { credentialSubject: { encodedList: string } }
    const bits = gunzipSync(Buffer.from(list2.credentialSubject.encodedList.slice(1), 'base64url'))
    const index = other.core.station.awards.record(revoked)?.statusIndex ?? -1
    expect(((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0).toBe(true)
    const report = await callCore(lead.core, 'bundle:verify', { dir: out })
    expect(report.problems).toEqual([])
    expect(report.credentials).toMatchObject({ checked: 10, valid: 9, revoked: 1, invalid: 0 })
  })
})
