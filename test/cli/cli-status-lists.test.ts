/**
 * A CSV batch that crosses a status-list boundary (lists of 32 entries here, through the test-only
 * KILN_STATUS_LIST_ENTRIES; production lists hand out 131,072): every row is issued, a revocation
 * in list 2 reaches the exported site, and `kiln bundle verify` / `kiln verify --bundle` agree.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { vendorFile } from '../vendor-paths.js'
import { freshStation, removeDir, tempDir, type CliRun } from '../support/cli.js'

let dir = ''
let out = ''
let run: (args: string[]) => CliRun
const SMALL = { KILN_STATUS_LIST_ENTRIES: '32' }

beforeAll(() => {
  const station = freshStation()
  dir = station.dir
  run = (args) => station.run(args, SMALL)
  out = tempDir()
})
afterAll(() => [dir, out].forEach(removeDir))

/** Award id → status list number, read from the journal's award lines. */
function listsOfAwards(): Map<string, number> {
  const lists = new Map<string, number>()
  for (const line of readFileSync(path.join(dir, 'journal.ndjson'), 'utf8').trim().split('\n')) {
    const entry = JSON.parse(line) as {
      type: string
      data: { award?: { id: string; statusList?: number } }
    }
    if (entry.type === 'award.issued' && entry.data.award) {
      lists.set(entry.data.award.id, entry.data.award.statusList ?? 1)
    }
  }
  return lists
}

describe('kiln award --csv across status lists', { timeout: 240_000 }, () => {
  it('issues all 50 rows over two lists; a revocation in list 2 verifies from the bundle', () => {
    const created = run([
      '--json',
      'badge',
      'create',
      '--name',
      'Across lists',
      '--description',
      'Attended.',
      '--criteria',
      'Attend.'
    ])
    expect(created.code, created.stderr).toBe(0)
    const badgeId = String(created.json().id)
    expect(run(['badge', 'publish', badgeId]).code).toBe(0)
    const csv = vendorFile('fixtures', 'attendees-50.csv')
    const batch = run(['--json', 'award', '--badge', badgeId, '--csv', csv])
    expect(batch.code, batch.stderr).toBe(0)
    expect((batch.json().issued as unknown[]).length).toBe(50)

    const lists = listsOfAwards()
    const inList2 = [...lists].filter(([, list]) => list === 2).map(([id]) => id)
    expect([...lists.values()].filter((l) => l === 1)).toHaveLength(32)
    expect(inList2).toHaveLength(18)
    const [revoked = '', active = ''] = inList2
    expect(run(['revoke', revoked, '--reason', 'Issued by mistake']).code).toBe(0)

    const site = path.join(out, 'site')
    const exported = run(['export', 'bundle', '--out', site])
    expect(exported.code, exported.stderr).toBe(0)
    const verified = run(['--json', 'bundle', 'verify', site])
    expect(verified.code, verified.stderr).toBe(0)
    expect(verified.json()).toMatchObject({
      ok: true,
      credentials: { checked: 50, valid: 49, revoked: 1, invalid: 0 }
    })
    for (const [id, code] of [
      [revoked, 1],
      [active, 0]
    ] as const) {
      const file = path.join(out, `${id}.json`)
      expect(run(['export', 'credential', id, '--format', 'ob3', '--out', file]).code).toBe(0)
      const credential = JSON.parse(readFileSync(file, 'utf8')) as {
        credentialStatus: { statusListCredential: string }
      }
      expect(credential.credentialStatus.statusListCredential).toMatch(/-2\.json$/)
      const report = run(['verify', file, '--bundle', site])
      expect(report.code, report.stdout).toBe(code)
      if (code === 1) expect(report.stdout).toMatch(/revoked/i)
    }
    expect(run(['audit', 'verify']).code).toBe(0)
  })
})
