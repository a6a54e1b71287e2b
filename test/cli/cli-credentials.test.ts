import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshStation, publishedBadge, removeDir, tempDir, type CliRun } from '../support/cli.js'

let dir = ''
let out = ''
let run: (args: string[], env?: Record<string, string | undefined>) => CliRun
let awardId = ''
let badgeId = ''

beforeAll(() => {
  const station = freshStation()
  dir = station.dir
  run = station.run
  out = tempDir()
  badgeId = publishedBadge(run, 'Teamwork', 'Collaborates well.', 'Attend the workshop.', [
    '--tag',
    'soft-skills',
    '--credits',
    '1.5',
    '--valid-months',
    '12'
  ])
  const award = run([
    'award',
    '--badge',
    badgeId,
    '--email',
    ' Zoë@Example.org ',
    '--name',
    'Zoë Yılmaz',
    '--json'
  ])
  expect(award.code, award.stderr).toBe(0)
  const issued = award.json().issued as { id: string; email: string; name: string }[]
  expect(issued[0]).toMatchObject({ email: 'zoë@example.org', name: 'Zoë Yılmaz' })
  awardId = issued[0]!.id
})
afterAll(() => [dir, out].forEach(removeDir))

describe('award → export → verify through the CLI', () => {
  it('lists the badge with its award', () => {
    const list = run(['badge', 'list', '--json']).json() as {
      badges: { id: string; status: string; awards: number }[]
    }
    expect(list.badges).toEqual([
      expect.objectContaining({ id: badgeId, status: 'published', awards: 1 })
    ])
  })

  for (const format of ['ob3', 'png', 'svg'] as const) {
    it(`exports ${format} that kiln verify accepts, and rejects a changed byte`, () => {
      const file = path.join(out, `c.${format === 'ob3' ? 'json' : format}`)
      const exported = run(['export', 'credential', awardId, '--format', format, '--out', file])
      expect(exported.code, exported.stderr).toBe(0)
      const verified = run([
        'verify',
        file,
        '--email',
        'zoe@example.org'.replace('zoe', 'zoë'),
        '--json'
      ])
      expect(verified.code, verified.stdout + verified.stderr).toBe(0)
      expect(verified.json()).toMatchObject({ valid: true })
      const wrongRecipient = run(['verify', file, '--email', 'someone@example.org'])
      expect(wrongRecipient.code).toBe(1)
      if (format === 'ob3') {
        const text = readFileSync(file, 'utf8')
        const tampered = text.replace('Zoë Yılmaz', 'Zoe Yilmaz')
        expect(tampered).not.toBe(text)
        const bad = path.join(out, 'tampered.json')
        writeFileSync(bad, tampered)
        expect(run(['verify', bad]).code).toBe(1)
      }
    })
  }

  it('exports the OB 2.0 hosted assertion under the site URL', () => {
    const file = path.join(out, 'a.ob2.json')
    expect(run(['export', 'credential', awardId, '--format', 'ob2', '--out', file]).code).toBe(0)
    const assertion = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    expect(assertion.id).toBe(`https://badges.example.org/ob2/assertions/${awardId}.json`)
    expect(JSON.stringify(assertion)).not.toContain('example.org"') // no plaintext e-mail
    expect(JSON.stringify(assertion)).not.toMatch(/zo[eë]@example/i)
  })

  it('exit 2 for an unreadable file, and refuses to award an unknown or draft badge', () => {
    const junk = path.join(out, 'junk.bin')
    writeFileSync(junk, 'not a credential')
    expect(run(['verify', junk]).code).toBe(2)
    expect(run(['award', '--badge', 'nope', '--email', 'a@b.org', '--name', 'A']).code).toBe(2)
    const draft = run([
      'badge',
      'create',
      '--name',
      'Draft',
      '--description',
      'd',
      '--criteria',
      'c',
      '--json'
    ])
    const draftAward = run([
      'award',
      '--badge',
      String(draft.json().id),
      '--email',
      'a@b.org',
      '--name',
      'A',
      '--json'
    ])
    expect(draftAward.code).toBe(2)
    expect(draftAward.json()).toMatchObject({ error: { code: 'BADGE_NOT_PUBLISHED' } })
  })

  it('signing needs the passphrase: without it, award exits 2 and nothing is issued', () => {
    const before = readFileSync(path.join(dir, 'journal.ndjson'))
    const result = run(['award', '--badge', badgeId, '--email', 'x@example.org', '--name', 'X'], {
      KILN_PASSPHRASE: ''
    })
    expect(result.code).toBe(2)
    expect(readFileSync(path.join(dir, 'journal.ndjson'))).toEqual(before)
  })

  it(
    'one address in NFD or NFC: no second award, and kiln verify --email accepts either form',
    { timeout: 120_000 },
    () => {
      const nfd = 'jose\u0301@exa\u0308mple.org'
      const nfc = 'jos\u00e9@ex\u00e4mple.org'
      const first = run(['award', '--badge', badgeId, '--email', nfd, '--name', 'José', '--json'])
      expect(first.code, first.stderr).toBe(0)
      const id = (first.json().issued as { id: string }[])[0]?.id ?? ''
      const second = run(['award', '--badge', badgeId, '--email', nfc, '--name', 'José', '--json'])
      expect(second.code).toBe(2)
      expect(second.json()).toMatchObject({ error: { code: 'CONFLICT' } })
      const file = path.join(out, 'jose.json')
      expect(run(['export', 'credential', id, '--format', 'ob3', '--out', file]).code).toBe(0)
      for (const email of [nfc, nfd]) {
        const verified = run(['verify', file, '--email', email])
        expect(verified.code, `${JSON.stringify(email)}: ${verified.stdout}`).toBe(0)
      }
    }
  )
})
