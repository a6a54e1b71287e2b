import { describe, expect, it } from 'vitest'
import { AwardLedger } from './ledger.js'
import { parseRawEntry } from '../journal/parse.js'

const AT = { start: 0, length: 0 }
let seq = 0

function award(ledger: AwardLedger, id: string, name: string, email: string, badgeId = 'b1'): void {
  seq++
  const data = {
    award: {
      id,
      badgeId,
      badgeVersion: 1,
      recipientName: name,
      recipientEmail: email,
      salt: 's',
      credentialId: `urn:${id}`,
      awardedDate: '2026-01-01T00:00:00Z',
      validFrom: '2026-01-01T00:00:00Z',
      statusIndex: seq,
      stationId: 'st1'
    },
    credentialJson: '{}'
  }
  const parsed = parseRawEntry({
    seq,
    ts: 'now',
    station: 'st1',
    type: 'award.issued',
    data,
    prev: ''
  })
  if (!parsed.ok) throw new Error(parsed.reason)
  ledger.apply(parsed.entry, AT)
}

/** The ids a search finds (the pure ledger has no journal to read records from: rows only). */
function found(ledger: AwardLedger, query: string, badgeNames?: Map<string, string>): number {
  return ledger.query({ query, ...(badgeNames ? { badgeNames } : {}) }).total
}

describe('searching the award ledger', () => {
  it('matches every word, ignoring accents and case, in names, e-mails, ids and badge names', () => {
    const ledger = new AwardLedger()
    award(ledger, 'a1', 'Zoë Nguyễn', 'zoe@example.org')
    award(ledger, 'a2', 'Zoe Martin', 'zm@example.org', 'b2')
    award(ledger, 'a3', 'Ana\nLine', 'ana@example.org')
    expect(found(ledger, 'zoe')).toBe(2)
    expect(found(ledger, 'ZOË nguyen')).toBe(1)
    expect(found(ledger, 'zm@example')).toBe(1)
    expect(found(ledger, 'a3')).toBe(1)
    expect(found(ledger, 'line')).toBe(1)
    expect(found(ledger, 'zoe pottery', new Map([['b2', 'Pottery Basics']]))).toBe(1)
    expect(found(ledger, 'nobody')).toBe(0)
  })

  it('finds awards added after the first search', () => {
    const ledger = new AwardLedger()
    award(ledger, 'a1', 'Émile Zola', 'emile@example.org')
    expect(found(ledger, 'emile')).toBe(1)
    award(ledger, 'a2', 'Émile Durkheim', 'durkheim@example.org')
    expect(found(ledger, 'emile')).toBe(2)
    expect(found(ledger, 'emile durkheim')).toBe(1)
  })
})
