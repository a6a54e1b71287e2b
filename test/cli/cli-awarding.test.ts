import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { vendorFile } from '../vendor-paths.js'
import { freshStation, publishedBadge, removeDir, tempDir, type CliRun } from '../support/cli.js'

type Report = {
  issued: { id: string; email: string; name: string }[]
  skipped: { row: number; email: string; reason: string }[]
  rejected: { row: number; field: string; message: string }[]
}

let dir = ''
let out = ''
let run: (args: string[], env?: Record<string, string | undefined>) => CliRun
let badgeId = ''
const fixture = (name: string): string => vendorFile('fixtures', name)

/** A new published badge: each test awards its own, so no test depends on another's awards. */
function newBadge(name: string): string {
  return publishedBadge(run, name, 'Attended.', 'Attend.')
}

/** How many awards of this badge the station holds. */
function awardCount(badge: string): number {
  return Number(run(['awards', 'list', '--badge', badge, '--json']).json().total)
}

// Each test runs five to fifteen kiln processes (a few seconds each on a busy 2-core machine).
const CLI_TEST = { timeout: 180_000 }

beforeAll(() => {
  const station = freshStation()
  dir = station.dir
  run = station.run
  out = tempDir()
})
afterAll(() => [dir, out].forEach(removeDir))

describe('kiln award --csv', CLI_TEST, () => {
  it('with rejected rows: exit 2, the report on stdout, nothing issued', () => {
    badgeId = newBadge('Rejected rows')
    const bad = run([
      'award',
      '--badge',
      badgeId,
      '--csv',
      fixture('attendees-with-errors.csv'),
      '--json'
    ])
    expect(bad.code).toBe(2)
    const report = bad.json() as Report
    expect(Object.keys(report).sort()).toEqual(['issued', 'rejected', 'skipped'])
    expect(report.issued).toEqual([])
    expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, 'email'],
      [6, 'name'],
      [8, 'email']
    ])
    expect(bad.stderr).toMatch(/row 4, email: "not-an-email" is not an e-mail address/)
    expect(awardCount(badgeId)).toBe(0)
  })

  it('awards a good file, then issues nothing twice when run again', () => {
    badgeId = newBadge('Good file')
    const first = run(['award', '--badge', badgeId, '--csv', fixture('attendees-50.csv'), '--json'])
    expect(first.code, first.stderr).toBe(0)
    const report = first.json() as Report
    expect(report.issued).toHaveLength(50)
    expect(report.issued[0]).toEqual({
      id: expect.any(String),
      email: 'eun-ji.schmidt.0@example.org',
      name: 'Eun-ji Schmidt'
    })
    const again = run(['award', '--badge', badgeId, '--csv', fixture('attendees-50.csv'), '--json'])
    expect(again.code).toBe(0)
    const second = again.json() as Report
    expect(second.issued).toEqual([])
    expect(second.skipped).toHaveLength(50)
    expect(second.skipped[0]).toMatchObject({ row: 2, email: 'eun-ji.schmidt.0@example.org' })
    expect(awardCount(badgeId)).toBe(50)
  })

  it('reads the Excel semicolon export, and awards the valid rows when told to', () => {
    badgeId = newBadge('Excel export')
    const excel = run([
      'award',
      '--badge',
      badgeId,
      '--csv',
      fixture('attendees-excel-semicolon.csv'),
      '--json'
    ])
    expect(excel.code, excel.stderr).toBe(0)
    expect((excel.json() as Report).issued[0]).toMatchObject({ name: 'Ben Çelik' })
    const partial = run([
      'award',
      '--badge',
      badgeId,
      '--csv',
      fixture('attendees-with-errors.csv'),
      '--award-valid-rows',
      '--json'
    ])
    expect(partial.code, partial.stderr).toBe(0)
    const report = partial.json() as Report
    expect(report.issued).toHaveLength(5)
    expect(report.rejected).toHaveLength(3)
    expect(awardCount(badgeId)).toBe(35)
  })

  it('maps columns it cannot guess from flags, and reads UTF-16 and Windows-1252', () => {
    badgeId = newBadge('Encodings')
    const utf16 = path.join(out, 'utf16.csv')
    const text = 'Teilnehmer\tKontakt\r\nRené Dupré\trene.dupre@example.org\r\n'
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    const guessed = run(['award', '--badge', badgeId, '--csv', utf16, '--json'])
    expect(guessed.code).toBe(2)
    expect((guessed.json().error as { code: string }).code).toBe('CSV_INVALID')
    const mapped = run([
      'award',
      '--badge',
      badgeId,
      '--csv',
      utf16,
      '--map-email',
      'Kontakt',
      '--json'
    ])
    expect(mapped.code, mapped.stderr).toBe(0)
    expect((mapped.json() as Report).issued[0]).toMatchObject({
      name: 'René Dupré',
      email: 'rene.dupre@example.org'
    })
    const cp1252 = path.join(out, 'cp1252.csv')
    writeFileSync(
      cp1252,
      Buffer.from('Nom;Prénom;Courriel\nNoël;Zoé;zoe.noel@example.org\n', 'latin1')
    )
    const french = run(['award', '--badge', badgeId, '--csv', cp1252, '--json'])
    expect(french.code, french.stderr).toBe(0)
    expect((french.json() as Report).issued[0]).toMatchObject({ name: 'Zoé Noël' })
  })
})

describe('single awards, revoke and reissue', CLI_TEST, () => {
  it('asks before awarding a badge the person holds', () => {
    badgeId = newBadge('Duplicates')
    const first = run([
      'award',
      '--badge',
      badgeId,
      '--email',
      'eun-ji.schmidt.0@example.org',
      '--name',
      'Eun-ji Schmidt',
      '--json'
    ])
    expect(first.code, first.stderr).toBe(0)
    const dup = run([
      'award',
      '--badge',
      badgeId,
      '--email',
      'EUN-JI.schmidt.0@example.org',
      '--name',
      'Eun-ji',
      '--json'
    ])
    expect(dup.code).toBe(2)
    const error = dup.json().error as { code: string; details: { existingAwardId: string } }
    expect(error.code).toBe('CONFLICT')
    expect(error.details.existingAwardId).toEqual(expect.any(String))
    const forced = run([
      'award',
      '--badge',
      badgeId,
      '--email',
      'eun-ji.schmidt.0@example.org',
      '--name',
      'Eun-ji',
      '--allow-duplicate',
      '--json'
    ])
    expect(forced.code, forced.stderr).toBe(0)
  })

  it('revokes once, exports the revoked OB 2.0 assertion, and reissues with a corrected name', () => {
    badgeId = newBadge('Reissue')
    const issued = run([
      'award',
      '--badge',
      badgeId,
      '--email',
      'sam@example.org',
      '--name',
      'Sma Lee',
      '--json'
    ])
    const id = (issued.json() as Report).issued[0]?.id ?? ''
    const reissued = run(['reissue', id, '--name', 'Sam Lee', '--json'])
    expect(reissued.code, reissued.stderr).toBe(0)
    const report = reissued.json() as Report
    expect(Object.keys(report).sort()).toEqual(['issued', 'rejected', 'skipped'])
    expect(report.issued[0]).toMatchObject({ email: 'sam@example.org', name: 'Sam Lee' })
    expect(report.issued[0]?.id).not.toBe(id)
    const twice = run(['revoke', id, '--reason', 'again'])
    expect(twice.code).toBe(2)
    expect(twice.stderr).toMatch(/already revoked/)
    const newId = report.issued[0]?.id ?? ''
    const revoked = run(['revoke', newId, '--reason', 'left the association', '--json'])
    expect(revoked.code, revoked.stderr).toBe(0)
    const ob2 = path.join(out, 'revoked.ob2.json')
    expect(run(['export', 'credential', newId, '--format', 'ob2', '--out', ob2]).code).toBe(0)
    expect(JSON.parse(readFileSync(ob2, 'utf8'))).toMatchObject({
      revoked: true,
      revocationReason: 'left the association'
    })
    const list = run([
      'awards',
      'list',
      '--status',
      'revoked',
      '--badge',
      badgeId,
      '--json'
    ]).json() as {
      awards: { id: string }[]
    }
    expect(list.awards.map((a) => a.id).sort()).toEqual([id, newId].sort())
    const ob3 = path.join(out, 'reissued.json')
    expect(run(['export', 'credential', newId, '--format', 'ob3', '--out', ob3]).code).toBe(0)
    expect(run(['verify', ob3]).code).toBe(0)
    expect(run(['audit', 'verify']).code).toBe(0)
  })
})

describe('kiln recipients', CLI_TEST, () => {
  it('imports, reports duplicates, refuses a bad file, and searches', () => {
    const station = freshStation()
    try {
      const imported = station.run(['recipients', 'import', fixture('attendees-50.csv'), '--json'])
      expect(imported.code, imported.stderr).toBe(0)
      expect(imported.json().added).toBe(50)
      const again = station.run(['recipients', 'import', fixture('attendees-50.csv'), '--json'])
      expect(again.json().added).toBe(0)
      expect(again.json().duplicates).toHaveLength(50)
      const bad = station.run([
        'recipients',
        'import',
        fixture('attendees-with-errors.csv'),
        '--json'
      ])
      expect(bad.code).toBe(2)
      expect((bad.json().rejected as unknown[]).length).toBe(3)
      const found = station
        .run(['recipients', 'list', '--query', 'zoe ylmaz', '--json'])
        .json() as {
        recipients: { name: string }[]
      }
      expect(found.recipients.map((r) => r.name)).toEqual(['Zoë Yılmaz'])
      expect(station.run(['status', '--json']).json().recipients).toBe(50)
    } finally {
      removeDir(station.dir)
    }
  })
})
