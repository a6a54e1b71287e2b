/**
 * Status lists that roll over, on the site (issue 16 item 1): every list is built, signed, pinned
 * in the manifest and verified; a revocation in list 2 sets its bit in `status/<station>-2.json`;
 * each credential verifies against its own list — by Kiln, by `bundle verify`, and by Digital
 * Bazaar's stack plus a bit read with node:zlib (no Kiln code in that path).
 */
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slotOf } from '../awards/ledger.js'
import {
  csvBase64,
  freshKit,
  jobResult,
  peopleCsv,
  type Kit
} from '../awards/test-support/station-kit.js'
import { createIndependentStack } from '../credentials/independent-stack.test-support.js'
import { verificationMethodFor } from '../keys/did.js'
import { exportAndWait } from './site-test-kit.test-support.js'

let kit: Kit
let out: string
const SITE = 'https://badges.kit.example.org/'

type Slot = { id: string; list: number; index: number }
let awards: Slot[] = []
let revokedInList2: Slot
let revokedInList1: Slot

const json = (p: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(out, p), 'utf8')) as Record<string, unknown>

/** Bit `index` of a published list, read with node:zlib alone (bit 0 = MSB of byte 0). */
function bitOf(list: Record<string, unknown>, index: number): boolean {
  const subject = list.credentialSubject as { encodedList: string }
  const bytes = gunzipSync(Buffer.from(subject.encodedList.slice(1), 'base64url'))
  expect(bytes.length).toBe(16_384) // a full-size list: the spec's 16 KB minimum
  return ((bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0
}

beforeAll(async () => {
  kit = await freshKit({}, undefined, undefined, { statusLists: { entriesPerList: 16 } })
  const preview = await kit.call('awards:batchPreview', {
    badgeId: kit.badgeId,
    source: { csvBase64: csvBase64(peopleCsv(21)) }
  })
  const { jobId } = await kit.call('awards:batchStart', { previewId: preview.previewId })
  expect((await jobResult(kit.core, jobId, 'awards:batch')).result?.issued).toHaveLength(21)
  const ledger = kit.core.station.awards
  awards = ledger.ids().map((id) => {
    const record = ledger.record(id)
    if (!record) throw new Error(id)
    return { id, ...slotOf(record) }
  })
  const inList2 = awards.filter((a) => a.list === 2)
  expect(inList2).toHaveLength(5)
  revokedInList2 = inList2[2] as Slot
  revokedInList1 = awards.find((a) => a.list === 1) as Slot
  for (const a of [revokedInList2, revokedInList1]) {
    await kit.call('awards:revoke', { id: a.id, reason: 'test', operator: 'tester' })
  }
  out = path.join(kit.dir, '..', `${path.basename(kit.dir)}-site`)
  await exportAndWait(kit.core, { out, full: true })
}, 120_000)

afterAll(async () => {
  await kit.close()
  rmSync(out, { recursive: true, force: true })
})

describe('a station whose awards span two status lists', () => {
  it('exports both lists, pinned in the manifest; the revoked bit is set in the right list', () => {
    const station = kit.core.station.catalog.stationId
    const list1 = json(`status/${station}-1.json`)
    const list2 = json(`status/${station}-2.json`)
    expect(list1.id).toBe(`${SITE}status/${station}-1.json`)
    expect(list2.id).toBe(`${SITE}status/${station}-2.json`)
    expect((list2.credentialSubject as { ttl?: number }).ttl).toBe(3_600_000)
    const manifest = json('kiln-manifest.json') as { statusLists: Record<string, string> }
    expect(Object.keys(manifest.statusLists).sort()).toEqual([
      `status/${station}-1.json`,
      `status/${station}-2.json`
    ])
    // the pinned copy is there too
    const pin = manifest.statusLists[`status/${station}-2.json`]
    expect(json(`status/${station}-2/${pin}.json`)).toEqual(list2)
    for (const a of awards) {
      const revoked = a === revokedInList1 || a === revokedInList2
      expect(bitOf(a.list === 1 ? list1 : list2, a.index), `${a.list}:${a.index}`).toBe(revoked)
    }
    // the credential points at its own list
    const credential = json(`credentials/${revokedInList2.id}.json`) as {
      credentialStatus: { statusListCredential: string; statusListIndex: string }
    }
    expect(credential.credentialStatus).toMatchObject({
      statusListCredential: `${SITE}status/${station}-2.json`,
      statusListIndex: String(revokedInList2.index)
    })
  })

  it('bundle verify passes and counts the revocations of both lists', async () => {
    const report = await kit.call('bundle:verify', { dir: out })
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.credentials).toMatchObject({ checked: 21, valid: 19, revoked: 2, invalid: 0 })
  })

  it("the station's own verifier answers every list: revoked in list 2 fails, active passes", async () => {
    const verify = async (id: string) => {
      const credential = kit.core.station.awards.credential(id)
      const report = await kit.call('credentials:verify', { credential })
      return report.checks.find((c) => c.id === 'status')
    }
    expect(await verify(revokedInList2.id)).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/revoked/i)
    })
    const active = awards.find((a) => a.list === 2 && a !== revokedInList2) as Slot
    expect(await verify(active.id)).toMatchObject({ status: 'passed' })
  })

  it(
    "every credential and both lists verify with Digital Bazaar's stack",
    { timeout: 120_000 },
    async () => {
      const station = kit.core.station
      const publicKey = station.signer.publicKey
      const controller = station.catalog.issuer.id
      const db = await createIndependentStack({
        seed: new Uint8Array(32).fill(7), // only for issuing, which this test does not do
        publicKey,
        controller,
        verificationMethod: verificationMethodFor(controller, publicKey),
        created: '2026-01-01T00:00:00Z'
      })
      const lists = new Map<string, Record<string, unknown>>()
      for (const a of awards) {
        const credential = json(`credentials/${a.id}.json`) as {
          credentialStatus: { statusListCredential: string; statusListIndex: string }
        }
        expect(await db.verify(credential)).toEqual({ verified: true, error: null })
        const url = credential.credentialStatus.statusListCredential
        const list = lists.get(url) ?? json(url.slice(SITE.length))
        lists.set(url, list)
        const revoked = a === revokedInList1 || a === revokedInList2
        expect(bitOf(list, Number(credential.credentialStatus.statusListIndex))).toBe(revoked)
      }
      expect(lists.size).toBe(2)
      for (const list of lists.values()) {
        expect(await db.verify(list)).toEqual({ verified: true, error: null })
      }
    }
  )
})
