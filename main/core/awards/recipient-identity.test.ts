/**
 * One person, one address, whatever Unicode form it was typed in; and no invisible characters
 * in the names that credentials, pages and certificates show (issue 13, items 6 and 7).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { verifyCredential } from '../credentials/verify.js'
import type { JournalEntry } from '../journal/registry.js'
import { RecipientBook } from '../recipients/book.js'
import { AwardLedger, type AwardRecord } from './ledger.js'
import { csvBase64, freshKit, type Kit } from './test-support/station-kit.js'

const NFC = 'jos\u00e9@ex\u00e4mple.org'
const NFD = 'jose\u0301@exa\u0308mple.org'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

describe('an address in NFD and NFC is one person', () => {
  it('refuses a second active award, and the credential verifies with either form', async () => {
    kit = await freshKit()
    const first = await kit.call('awards:issue', { badgeId: kit.badgeId, email: NFD, name: 'José' })
    expect(first.recipientEmail).toBe(NFC)
    const dup = await kit.fails('awards:issue', { badgeId: kit.badgeId, email: NFC, name: 'José' })
    expect(dup.code).toBe('CONFLICT')
    expect(dup.details?.existingAwardId).toBe(first.id)
    const book = await kit.call('recipients:list', {})
    expect(book.total).toBe(1)
    expect((await kit.fails('recipients:create', { name: 'José', email: NFD })).code).toBe(
      'CONFLICT'
    )
    const { credential } = await kit.call('credentials:get', { id: first.id })
    for (const email of [NFC, NFD, ` ${NFD.toUpperCase()} `]) {
      const report = await verifyCredential(credential, { email })
      expect(report.checks.find((c) => c.id === 'recipient')?.status).toBe('passed')
    }
  })

  it('a CSV batch skips the second form as the same person', async () => {
    kit = await freshKit()
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(`name,email\nJosé,${NFD}\nJosé,${NFC}\n`) }
    })
    expect(preview.toAward).toEqual([{ row: 2, name: 'José', email: NFC }])
    expect(preview.skipped.map((s) => s.row)).toEqual([3])
  })

  it('records journaled before NFC (decomposed) still match the composed form', () => {
    const ledger = new AwardLedger()
    const book = new RecipientBook()
    const record: AwardRecord = {
      id: 'awd_old',
      badgeId: 'bdg_1',
      badgeVersion: 1,
      recipientName: 'José',
      recipientEmail: NFD,
      recipientId: 'r-old',
      salt: '00',
      credentialId: 'urn:uuid:x',
      awardedDate: '2025-01-01T00:00:00Z',
      validFrom: '2025-01-01T00:00:00Z',
      statusIndex: 7,
      stationId: 'st'
    }
    const recipient = { id: 'r-old', name: 'José', email: NFD, createdAt: record.awardedDate }
    const entry: JournalEntry = {
      seq: 1,
      ts: record.awardedDate,
      station: 'st',
      v: 1,
      prev: '',
      type: 'award.issued',
      data: { award: record, credentialJson: '{}', recipient }
    }
    ledger.apply(entry, { start: 0, length: 0 })
    book.apply(entry, { start: 0, length: 0 })
    expect(ledger.heldBy('bdg_1', NFC)).toBe('awd_old')
    expect(ledger.awardCountFor([NFC])).toBe(1)
    expect(book.idForEmail(` ${NFC.toUpperCase()}`)).toBe('r-old')
  })
})

describe('invisible characters in names are refused and change nothing', () => {
  it('a single award: a field error naming the character', async () => {
    kit = await freshKit()
    const error = await kit.fails('awards:issue', {
      badgeId: kit.badgeId,
      email: 'ana@example.org',
      name: 'Ana \u202eavliS'
    })
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.details?.field).toBe('name')
    expect(error.message).toMatch(/^name: contains an invisible control character \(U\+202E/)
    expect((await kit.call('awards:list', {})).total).toBe(0)
    expect((await kit.call('recipients:list', {})).total).toBe(0)
  })

  it('a CSV batch preview: the row and the field', async () => {
    kit = await freshKit()
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: {
        csvBase64: csvBase64(
          'name,email\nAna,ana@example.org\nBo\u0000Lee,bo@example.org\nCy \u2067Li,cy@example.org\n'
        )
      }
    })
    expect(preview.toAward.map((p) => p.row)).toEqual([2])
    expect(preview.rejected).toEqual([
      {
        row: 3,
        field: 'name',
        message:
          'the name contains an invisible control character (U+0000 NULL); remove it and type the text again'
      },
      expect.objectContaining({ row: 4, field: 'name' })
    ])
    expect(preview.rejected[1]?.message).toMatch(/U\+2067 RIGHT-TO-LEFT ISOLATE/)
  })
})
