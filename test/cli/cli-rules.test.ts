import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshStation, publishedBadge, removeDir, tempDir, type CliRun } from '../support/cli.js'

let dir = ''
let out = ''
let run: (args: string[], env?: Record<string, string | undefined>) => CliRun
let potter = ''
let ruleId = ''

type Run = {
  ruleId: string
  wouldAward: { recipientEmail: string; name: string }[]
  awarded: { recipientEmail: string; awardId: string }[]
  skipped: { reason: string }[]
}

beforeAll(() => {
  const station = freshStation()
  dir = station.dir
  run = station.run
  out = tempDir()
  potter = publishedBadge(run, 'Wheel Regular', 'Came to the wheel.', 'Three wheel sessions.')
})
afterAll(() => [dir, out].forEach(removeDir))

describe('kiln checkins / kiln rules', () => {
  it('imports check-ins from CSV (semicolon file, BOM, tags split on ; or |)', () => {
    const file = path.join(out, 'checkins.csv')
    writeFileSync(
      file,
      '\uFEFF' +
        [
          'E-mail;Name;Session;Tags;Date',
          'ann@example.org;Ann Alder;Wheel 1;wheel|clay;2026-01-05',
          'ann@example.org;Ann Alder;Wheel 2;Wheel;2026-01-12',
          'ann@example.org;Ann Alder;Wheel 3;WHEEL;2026-01-19',
          'bob@example.org;Bob Birch;Wheel 1;wheel;2026-01-05',
          'bob@example.org;Bob Birch;Wheel 1;wheel;2026-01-12',
          'bob@example.org;Bob Birch;Glaze 1;glaze;2026-01-13',
          'cy@example.org;"Cedar, Cy";Wheel 1;"wheel; glaze";2026-01-05',
          'cy@example.org;"Cedar, Cy";Wheel 2;wheel;2026-01-12',
          'cy@example.org;"Cedar, Cy";Wheel 4;wheel;2026-01-26'
        ].join('\r\n') +
        '\r\n'
    )
    const imported = run(['checkins', 'import', file, '--json'])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.json()).toMatchObject({
      committed: true,
      imported: 9,
      duplicates: 0,
      rejected: []
    })
    const again = run(['checkins', 'import', file, '--json'])
    expect(again.json()).toMatchObject({ imported: 0, duplicates: 9 })
  })

  it('refuses a file with bad rows (exit 2, rows reported, nothing imported)', () => {
    const file = path.join(out, 'bad.csv')
    writeFileSync(
      file,
      'Email,Name,Session,Tags,Date\nzed@example.org,Zed,Wheel 1,wheel,yesterday\n'
    )
    const bad = run(['checkins', 'import', file, '--json'])
    expect(bad.code).toBe(2)
    expect(bad.json()).toMatchObject({ committed: false, rejected: [{ row: 2, field: 'date' }] })
    const list = run(['checkins', 'list', '--email', 'zed@example.org', '--json'])
    expect(list.json()).toMatchObject({ total: 0 })
  })

  it('creates a rule; a dry run lists the right people and issues nothing', () => {
    const created = run([
      'rules',
      'create',
      '--name',
      'Three wheel sessions',
      '--award',
      potter,
      '--kind',
      'attendance',
      '--min-sessions',
      '3',
      '--tag',
      'Wheel',
      '--json'
    ])
    expect(created.code, created.stderr).toBe(0)
    ruleId = String(created.json().id)
    expect(run(['rules', 'list', '--json']).json()).toMatchObject({
      rules: [{ id: ruleId, kind: 'attendance', minSessions: 3, tag: 'Wheel', enabled: true }]
    })
    const dry = run(['rules', 'run', '--dry-run', '--json'])
    expect(dry.code, dry.stderr).toBe(0)
    const runs = dry.json().runs as Run[]
    expect(runs).toHaveLength(1)
    expect(runs[0]?.wouldAward.map((p) => [p.recipientEmail, p.name]).sort()).toEqual([
      ['ann@example.org', 'Ann Alder'],
      ['cy@example.org', 'Cedar, Cy']
    ])
    expect(runs[0]?.awarded).toEqual([])
    const status = run(['status', '--json'])
    expect(status.json()).toMatchObject({ awards: 0 })
  })

  it('a real run awards them, their credentials verify, and a second run awards nobody', () => {
    const real = run(['rules', 'run', '--rule', ruleId, '--json'])
    expect(real.code, real.stderr).toBe(0)
    const awarded = (real.json().runs as Run[])[0]?.awarded ?? []
    expect(awarded.map((a) => a.recipientEmail).sort()).toEqual([
      'ann@example.org',
      'cy@example.org'
    ])
    for (const a of awarded) {
      const file = path.join(out, `${a.awardId}.json`)
      const exported = run(['export', 'credential', a.awardId, '--format', 'ob3', '--out', file])
      expect(exported.code, exported.stderr).toBe(0)
      const verified = run(['verify', file, '--email', a.recipientEmail, '--json'])
      expect(verified.code, verified.stdout + verified.stderr).toBe(0)
      expect(verified.json()).toMatchObject({ valid: true })
    }
    const second = run(['rules', 'run', '--json'])
    const again = (second.json().runs as Run[])[0]
    expect(again?.awarded).toEqual([])
    expect(again?.skipped.map((s) => s.reason)).toEqual(['already-holds', 'already-holds'])
    expect(run(['status', '--json']).json()).toMatchObject({ awards: 2 })
    const audit = run(['audit', 'verify', '--json'])
    expect(audit.code, audit.stderr).toBe(0)
  })

  it('a real run needs the passphrase; usage errors exit 2', () => {
    const locked = run(['rules', 'run', '--json'], { KILN_PASSPHRASE: '' })
    expect(locked.code).toBe(2)
    expect(locked.json()).toMatchObject({ error: { code: 'LOCKED' } })
    expect(
      run([
        'rules',
        'create',
        '--name',
        'x',
        '--award',
        potter,
        '--kind',
        'attendance',
        '--tag',
        't'
      ]).code
    ).toBe(2)
    expect(run(['rules', 'create', '--name', 'x', '--award', potter, '--kind', 'magic']).code).toBe(
      2
    )
    expect(run(['rules', 'run', '--rule', 'nope', '--dry-run']).code).toBe(2)
  })
})
