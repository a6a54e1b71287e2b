import { describe, expect, it } from 'vitest'
import { AwardLedger } from './ledger.js'
import { parseRawEntry } from '../journal/parse.js'
import type { JournalEntry } from '../journal/registry.js'
import type { SnapshotSource } from '../journal/projection.js'

const AT = { start: 0, length: 0 }

/** Entries shaped like the million station: many awards per person, across badges. */
function entries(from: number, count: number, people: number): JournalEntry[] {
  const out: JournalEntry[] = []
  for (let i = from; i < from + count; i++) {
    const person = i % people
    const raw =
      i % 997 === 996
        ? {
            type: 'award.revoked',
            data: { awardId: `aw-${i - 500}`, reason: 'mistake', revokedAt: '2026-06-01T00:00:00Z' }
          }
        : {
            type: 'award.issued',
            data: {
              award: {
                id: `aw-${i}`,
                badgeId: `badge-${Math.floor(i / people) % 12}`,
                badgeVersion: 1,
                recipientName: person % 5 === 0 ? `Zoë Nguyễn ${person}` : `Member ${person}`,
                recipientEmail: `m.${person}@example.org`,
                salt: 's',
                credentialId: `urn:aw-${i}`,
                awardedDate: `2026-0${1 + (i % 9)}-01T00:00:00Z`,
                validFrom: '2026-01-01T00:00:00Z',
                ...(i % 101 === 0 ? { validUntil: '2027-01-01T00:00:00Z' } : {}),
                statusIndex: i,
                stationId: 'st1'
              },
              credentialJson: '{}'
            }
          }
    const parsed = parseRawEntry({ seq: i + 1, ts: 'now', station: 'st1', ...raw, prev: '' })
    if (!parsed.ok) throw new Error(parsed.reason)
    out.push(parsed.entry)
  }
  return out
}

/** A ledger restored from another's checkpoint sections (as the station hands them over). */
function restored(from: AwardLedger): AwardLedger {
  const main = from.snapshot()
  const sides = new Map(from.sideSnapshots().map((s) => [s.name, Buffer.from(s.text)]))
  const counts = from.checkpointCounts()
  const source: SnapshotSource = {
    bytes: () => Buffer.from(main),
    side: (name) => sides.get(name),
    counts,
    history: () => [],
    refused: (why) => {
      throw new Error(`refused: ${why}`)
    }
  }
  const ledger = new AwardLedger()
  ledger.restoreFrom(source)
  return ledger
}

describe('a ledger restored from its sections answers as the one it was saved from', () => {
  it('duplicates, counts, searches and ids, with a tail after the checkpoint', () => {
    const people = 4_000
    const original = new AwardLedger()
    for (const e of entries(0, 20_000, people)) original.apply(e, AT)
    const copy = restored(original)
    // Not vacuous: people hold badges 0–4, a revoked award frees its badge, searches find rows.
    expect(original.heldBy('badge-3', 'm.5@example.org')).toBe('aw-12005')
    expect(original.heldBy('badge-0', 'm.496@example.org')).toBeUndefined()
    expect(original.query({ query: 'zoe' }).total).toBe(3_996)
    const same = () => {
      for (let p = 0; p < people; p += 37) {
        for (const badge of ['badge-0', 'badge-3', 'badge-4', 'badge-11', 'nope']) {
          const email = ` M.${p}@Example.org `
          expect(copy.heldBy(badge, email)).toBe(original.heldBy(badge, email))
        }
      }
      expect(copy.recipientCount()).toBe(original.recipientCount())
      expect(copy.size).toBe(original.size)
      for (const query of ['nguyen 1205', 'zoe', 'm.17@', 'aw-19999', 'badge-3', 'none']) {
        expect(copy.query({ query, limit: 5 })).toEqual(original.query({ query, limit: 5 }))
      }
      expect(copy.query({ emails: ['m.9@example.org'] })).toEqual(
        original.query({ emails: ['m.9@example.org'] })
      )
      for (const id of ['aw-0', 'aw-12345', 'aw-19998', 'aw-20005', 'aw-99999']) {
        expect(copy.brief(id)).toEqual(original.brief(id))
        expect(copy.isRevoked(id)).toBe(original.isRevoked(id))
      }
      expect([...copy.scan()]).toEqual([...original.scan()])
    }
    same()
    // The tail: new people, people the checkpoint knows, a revocation of a saved award.
    for (const e of entries(20_000, 1_500, people + 300)) {
      original.apply(e, AT)
      copy.apply(e, AT)
    }
    same()
    // Saved again and restored again: the tail merged into the sections.
    const again = restored(copy)
    expect(again.recipientCount()).toBe(original.recipientCount())
    expect([...again.scan()]).toEqual([...original.scan()])
    expect(again.heldBy('badge-0', 'm.4100@example.org')).toBe(
      original.heldBy('badge-0', 'm.4100@example.org')
    )
  })

  it('keeps the counts recorded at the head after the restore until an award or revocation comes, without loading an index for them', () => {
    // Saved at 1,900 entries; 100 more came after (the tail); counts recorded at the head.
    const saved = new AwardLedger()
    for (const e of entries(0, 1_900, 300)) saved.apply(e, AT)
    const original = new AwardLedger()
    for (const e of entries(0, 1_900, 300)) original.apply(e, AT)
    const tail = entries(1_900, 100, 320)
    for (const e of tail) original.apply(e, AT)
    const main = saved.snapshot()
    const sides = new Map(saved.sideSnapshots().map((s) => [s.name, Buffer.from(s.text)]))
    const read: string[] = []
    const copy = new AwardLedger()
    copy.restoreFrom({
      bytes: () => Buffer.from(main),
      side: (name) => {
        read.push(name)
        return sides.get(name)
      },
      counts: saved.checkpointCounts(),
      history: () => [],
      refused: (why) => {
        throw new Error(`refused: ${why}`)
      }
    })
    for (const e of tail) copy.apply(e, AT)
    copy.useHeadCounts(original.checkpointCounts())
    // Restored, the tail applied (a reader that needs no e-mail column).
    expect(copy.stationIds()).toEqual(['st1'])
    // An export's journal line: not the ledger's; the counts still stand (no e-mail index read).
    const exported = parseRawEntry({
      seq: 2_001,
      ts: 'now',
      station: 'st1',
      type: 'bundle.exported',
      data: { seq: 1, files: 10, manifestHash: 'h', full: true, unchanged: false, out: '/tmp/b' },
      prev: ''
    })
    if (!exported.ok) throw new Error(exported.reason)
    copy.apply(exported.entry, AT)
    expect(original.recipientCount()).toBe(320)
    expect(copy.recipientCount()).toBe(320)
    expect(copy.size).toBe(original.size)
    expect(read.filter((name) => name === 'byEmail' || name === 'emails')).toEqual([])
    // A new person's award: counted (the recorded counts no longer describe the ledger).
    const next = entries(2_000, 1, 320)[0]
    if (!next) throw new Error('no entry')
    const newcomer = parseRawEntry({
      seq: 2_002,
      ts: 'now',
      station: 'st1',
      type: 'award.issued',
      data: {
        ...(next.data as object),
        award: {
          ...(next.data as { award: object }).award,
          id: 'aw-new',
          recipientEmail: 'new@example.org'
        }
      },
      prev: ''
    })
    if (!newcomer.ok) throw new Error(newcomer.reason)
    copy.apply(newcomer.entry, AT)
    expect(copy.size).toBe(original.size + 1)
    expect(copy.recipientCount()).toBe(321)
  })
})
