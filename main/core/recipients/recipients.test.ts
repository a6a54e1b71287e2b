import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { csvBase64, freshKit, type Kit } from '../awards/test-support/station-kit.js'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

const fixture64 = (name: string): string =>
  fs.readFileSync(vendorFile('fixtures', name)).toString('base64')

describe('recipient book', () => {
  it('creates, refuses duplicate e-mails (trimmed, any case), edits, searches without accents, and survives a reopen', async () => {
    kit = await freshKit()
    const rene = await kit.call('recipients:create', {
      name: 'René Dupré',
      email: '  Rene@Example.ORG ',
      memberId: 'M-1'
    })
    expect(rene.email).toBe('rene@example.org')
    const dup = await kit.fails('recipients:create', { name: 'Other', email: 'RENE@example.org' })
    expect(dup.code).toBe('CONFLICT')
    expect(dup.details?.existingRecipientId).toBe(rene.id)
    const ana = await kit.call('recipients:create', {
      name: 'Ana Müller',
      email: 'ana@example.org'
    })
    const edited = await kit.call('recipients:update', {
      id: ana.id,
      name: 'Ana Müller-Lang',
      memberId: 'M-2'
    })
    expect(edited).toMatchObject({ name: 'Ana Müller-Lang', memberId: 'M-2' })
    expect(
      (await kit.fails('recipients:update', { id: ana.id, email: 'rene@example.org' })).code
    ).toBe('CONFLICT')

    const byAccentless = await kit.call('recipients:list', { query: 'rene dupre' })
    expect(byAccentless.recipients.map((r) => r.id)).toEqual([rene.id])
    expect(
      (await kit.call('recipients:list', { query: 'MULLER' })).recipients.map((r) => r.id)
    ).toEqual([ana.id])
    expect((await kit.call('recipients:list', { query: 'm-2' })).total).toBe(1)
    expect((await kit.call('recipients:list', {})).total).toBe(2)

    await kit.reopen()
    const after = await kit.call('recipients:list', {})
    expect(after.recipients.map((r) => [r.name, r.email, r.memberId])).toEqual([
      ['Ana Müller-Lang', 'ana@example.org', 'M-2'],
      ['René Dupré', 'rene@example.org', 'M-1']
    ])
    expect((await kit.call('station:status', {})).counts.recipients).toBe(2)
  })

  it('merges recipients: the others point to the kept one and their awards stay', async () => {
    kit = await freshKit()
    const a = await kit.call('recipients:create', { name: 'Jo Smith', email: 'jo@work.example' })
    const b = await kit.call('recipients:create', { name: 'Jo Smith', email: 'jo@home.example' })
    const award = await kit.call('awards:issue', { badgeId: kit.badgeId, recipientId: b.id })
    const merged = await kit.call('recipients:merge', { keepId: a.id, mergeIds: [b.id] })
    expect(merged.emails).toEqual(['jo@work.example', 'jo@home.example'])
    expect(merged.awardCount).toBe(1)
    expect((await kit.call('recipients:list', {})).total).toBe(1)
    const viaOld = await kit.call('recipients:get', { id: b.id })
    expect(viaOld.recipient.id).toBe(a.id)
    expect(viaOld.awards.map((x) => x.id)).toEqual([award.id])
    // Holding the badge under the merged e-mail counts for the kept person.
    const again = await kit.fails('awards:issue', { badgeId: kit.badgeId, recipientId: a.id })
    expect(again.details?.existingAwardId).toBe(award.id)
    await kit.reopen()
    expect((await kit.call('recipients:get', { id: a.id })).awards).toHaveLength(1)
    expect((await kit.fails('recipients:merge', { keepId: a.id, mergeIds: [a.id] })).code).toBe(
      'INVALID_INPUT'
    )
  })
})

describe('recipient import', () => {
  it('imports the good fixtures fully and reports duplicates against the book without merging', async () => {
    kit = await freshKit()
    const first = await kit.call('recipients:import', { csvBase64: fixture64('attendees-50.csv') })
    expect(first.added).toBe(50)
    const excel = await kit.call('recipients:import', {
      csvBase64: fixture64('attendees-excel-semicolon.csv')
    })
    expect(excel.added).toBe(30)
    const preview = await kit.call('recipients:importPreview', {
      csvBase64: fixture64('attendees-50.csv')
    })
    expect(preview.counts).toEqual({ rows: 50, toAdd: 0, duplicates: 50, rejected: 0 })
    expect(preview.duplicates[0]).toMatchObject({ row: 2, existingId: expect.any(String) })
    expect(
      (await kit.call('recipients:import', { csvBase64: fixture64('attendees-50.csv') })).added
    ).toBe(0)
    expect((await kit.call('recipients:list', {})).total).toBe(80)
    const excelPerson = await kit.call('recipients:list', { query: 'Ben Celik' })
    expect(excelPerson.recipients[0]).toMatchObject({ name: 'Ben Çelik', memberId: 'M10000' })
  })

  it('imports nothing from a file with bad rows and reports every problem by row', async () => {
    kit = await freshKit()
    const preview = await kit.call('recipients:importPreview', {
      csvBase64: fixture64('attendees-with-errors.csv')
    })
    expect(preview.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, 'email'],
      [6, 'name'],
      [8, 'email']
    ])
    expect(preview.counts.toAdd).toBe(5)
    const refused = await kit.fails('recipients:import', {
      csvBase64: fixture64('attendees-with-errors.csv')
    })
    expect(refused.code).toBe('CSV_INVALID')
    expect(refused.details?.rejected).toHaveLength(3)
    expect((await kit.call('recipients:list', {})).total).toBe(0)
    const partial = await kit.call('recipients:import', {
      csvBase64: fixture64('attendees-with-errors.csv'),
      acceptValidRows: true
    })
    expect(partial.added).toBe(5)
  })

  it('asks for a mapping when it cannot guess, and uses it', async () => {
    kit = await freshKit()
    const csv = csvBase64('Who;Contact\nAna;ana@example.org\n')
    const unknown = await kit.fails('recipients:importPreview', { csvBase64: csv })
    expect(unknown.code).toBe('CSV_INVALID')
    expect(unknown.details?.columns).toEqual(['Who', 'Contact'])
    const ok = await kit.call('recipients:import', {
      csvBase64: csv,
      mapping: { name: 'Who', email: 'Contact' }
    })
    expect(ok.added).toBe(1)
  })
})
