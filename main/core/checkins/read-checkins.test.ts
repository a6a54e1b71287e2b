import { describe, expect, it } from 'vitest'
import { parseCsv } from '../csv/index.js'
import { KilnFailure } from '../failure.js'
import { checkDate, readCheckIns, splitTags } from './read-checkins.js'
import { duplicateKeyOf } from './checkin-index.js'

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8')

describe('reading check-ins', () => {
  it('splits tags on ; or |, trims them and drops repeats', () => {
    expect(splitTags(' Wheel ; glaze|WHEEL || ')).toEqual(['Wheel', 'glaze'])
    expect(splitTags('')).toEqual([])
  })

  it('accepts calendar days and ISO date-times only', () => {
    expect(checkDate('2024-02-29')).toBeUndefined()
    expect(checkDate('2026-01-05T18:30:00+01:00')).toBeUndefined()
    expect(checkDate('2025-02-29')).toMatch(/not a calendar date/)
    expect(checkDate('01/02/2026')).toMatch(/YYYY-MM-DD/)
  })

  it('finds the columns by name (any case, spaces, first + last name) and keeps member-id-only rows', () => {
    const csv = parseCsv(
      bytes(
        'First Name,Last Name,Member No,Email Address,Event,Topics,Session Date\n' +
          'Ann,Alder,M-1,Ann@Example.org,Wheel 1,wheel,2026-01-05\n' +
          'Bob,Birch,M-2,,Wheel 1,wheel,2026-01-05\n'
      )
    )
    const { drafts, rejected } = readCheckIns(csv)
    expect(rejected).toEqual([])
    expect(drafts).toEqual([
      {
        row: 2,
        recipientEmail: 'ann@example.org',
        memberId: 'M-1',
        name: 'Ann Alder',
        session: 'Wheel 1',
        tags: ['wheel'],
        date: '2026-01-05'
      },
      {
        row: 3,
        memberId: 'M-2',
        name: 'Bob Birch',
        session: 'Wheel 1',
        tags: ['wheel'],
        date: '2026-01-05'
      }
    ])
  })

  it('names the missing columns when the file cannot be read as check-ins', () => {
    try {
      readCheckIns(parseCsv(bytes('Name,Email\nAnn,ann@example.org\n')))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(KilnFailure)
      expect((error as KilnFailure).message).toMatch(/session, date/)
    }
  })

  it('a duplicate is the same person, session (any case/spacing) and day', () => {
    const a = { recipientEmail: 'ann@example.org', session: 'Wheel  1', date: '2026-01-05' }
    expect(duplicateKeyOf(a)).toBe(
      duplicateKeyOf({ ...a, session: 'wheel 1', date: '2026-01-05T10:00:00Z' })
    )
    expect(duplicateKeyOf(a)).not.toBe(duplicateKeyOf({ ...a, date: '2026-01-06' }))
  })
})
