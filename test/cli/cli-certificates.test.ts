import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flipAttachmentByte, reembedAttachment } from '../../main/core/pdf/tamper.test-support.js'
import { freshStation, publishedBadge, removeDir, tempDir, type CliRun } from '../support/cli.js'

const PEOPLE = [
  ['Zoë Łukasiewicz-Ñúñez', 'zoe@example.org'],
  ['Αλέξανδρος Παπαδόπουλος', 'alex@example.org'],
  ['Дмитрий Ёжиков', 'dmitry@example.org'],
  ['王秀英', 'wang@example.org'],
  ['山田 さくら', 'yamada@example.org'],
  ['김민준', 'kim@example.org'],
  ['محمد بن علي', 'mohammed@example.org'],
  ['דוד כהן', 'david@example.org']
] as const

let dir = ''
let out = ''
let run: (args: string[], env?: Record<string, string | undefined>) => CliRun
let badgeId = ''
const awardIds: string[] = []

function pdftotext(file: string): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  if (result.error) throw new Error('pdftotext is required (apt-get install -y poppler-utils)')
  return result.stdout
}

beforeAll(() => {
  const station = freshStation()
  dir = station.dir
  run = station.run
  out = tempDir()
  badgeId = publishedBadge(
    run,
    'Intercultural Communication',
    'Communicates clearly and respectfully across languages and cultures.',
    'Completed the workshop.',
    ['--credits', '2', '--valid-months', '24']
  )
  const csv = path.join(out, 'people.csv')
  writeFileSync(csv, 'name,email\n' + PEOPLE.map(([n, e]) => `${n},${e}`).join('\n') + '\n')
  const awarded = run(['award', '--badge', badgeId, '--csv', csv, '--json'])
  expect(awarded.code, awarded.stderr).toBe(0)
  const issued = awarded.json().issued as { id: string; email: string }[]
  for (const [, email] of PEOPLE) awardIds.push(issued.find((i) => i.email === email)?.id ?? '')
})
afterAll(() => [dir, out].forEach(removeDir))

describe('certificates through the CLI', () => {
  it('prints a batch PDF of a badge that kiln verify accepts, with every name as text', () => {
    const file = path.join(out, 'batch.pdf')
    const exported = run([
      'export',
      'certificates',
      '--badge',
      badgeId,
      '--out',
      file,
      '--template',
      'modern',
      '--page',
      'letter',
      '--json'
    ])
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.json()).toMatchObject({ file, pages: PEOPLE.length, mode: 'single-pdf' })
    const text = pdftotext(file)
    for (const [name] of PEOPLE) expect(text).toContain(name)
    expect(text).toContain('Intercultural Communication')
    const verified = run(['verify', file, '--json'])
    expect(verified.code, verified.stdout + verified.stderr).toBe(0)
    const report = verified.json() as { valid: boolean; credentials: unknown[] }
    expect(report.valid).toBe(true)
    expect(report.credentials).toHaveLength(PEOPLE.length)
  })

  it('exports one certificate with export credential --format pdf, checked against the e-mail', () => {
    const file = path.join(out, 'one.pdf')
    const exported = run([
      'export',
      'credential',
      awardIds[0] ?? '',
      '--format',
      'pdf',
      '--out',
      file
    ])
    expect(exported.code, exported.stderr).toBe(0)
    expect(pdftotext(file)).toContain(PEOPLE[0][0])
    expect(run(['verify', file, '--email', 'zoe@example.org']).stdout).toContain('VALID')
    expect(run(['verify', file, '--email', 'zoe@example.org']).code).toBe(0)
    expect(run(['verify', file, '--email', 'someone@example.org']).code).toBe(1)
    // Re-saved by another PDF tool (qpdf: object and cross-reference streams), it still verifies.
    const resaved = path.join(out, 'one-qpdf.pdf')
    const q = spawnSync('qpdf', ['--object-streams=generate', file, resaved], { encoding: 'utf8' })
    if (q.error) throw new Error('qpdf is required (apt-get install -y qpdf)')
    expect(q.status, q.stderr).toBe(0)
    const again = run(['verify', resaved, '--email', 'zoe@example.org'])
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(again.stdout).toContain('VALID')
    // Refuses to overwrite without --force.
    expect(
      run(['export', 'credential', awardIds[0] ?? '', '--format', 'pdf', '--out', file]).code
    ).toBe(2)
  })

  it('rejects a certificate whose attachment was altered: re-embedded (exit 1) or damaged (not valid)', () => {
    const file = path.join(out, 'orig.pdf')
    expect(
      run(['export', 'certificates', '--awards', awardIds.slice(0, 2).join(','), '--out', file])
        .code
    ).toBe(0)
    const pdf = readFileSync(file)
    const forged = path.join(out, 'forged.pdf')
    writeFileSync(
      forged,
      reembedAttachment(pdf, (json) => json.replace(/"name":"[^"]+"/, '"name":"Eve"'), inflateSync)
    )
    const forgedRun = run(['verify', forged])
    expect(forgedRun.code, forgedRun.stdout).toBe(1)
    expect(forgedRun.stdout).toContain('INVALID')
    const damaged = path.join(out, 'damaged.pdf')
    writeFileSync(damaged, flipAttachmentByte(pdf))
    const damagedRun = run(['verify', damaged, '--json'])
    expect([1, 2]).toContain(damagedRun.code)
    expect(damagedRun.stdout).not.toMatch(/"valid": true\s*}\s*$/)
  })

  it('writes one PDF per award in a zip with --zip', () => {
    const file = path.join(out, 'all.zip')
    const exported = run([
      'export',
      'certificates',
      '--awards',
      awardIds.join(','),
      '--out',
      file,
      '--zip'
    ])
    expect(exported.code, exported.stderr).toBe(0)
    const entries = unzipSync(readFileSync(file))
    const names = Object.keys(entries)
    expect(names).toHaveLength(PEOPLE.length)
    expect(names.every((n) => n.endsWith('.pdf'))).toBe(true)
    // Entries are named for the person and the badge, as a person looks for them.
    const wang = names.find((n) => n.startsWith('王秀英 - '))
    expect(wang).toMatch(/^王秀英 - .+\.pdf$/)
    const first = path.join(out, 'from-zip.pdf')
    writeFileSync(first, entries[wang ?? ''] ?? new Uint8Array())
    expect(pdftotext(first)).toContain('王秀英')
    expect(run(['verify', first]).code).toBe(0)
  })

  it('exit 2 for an unknown award, both --badge and --awards, or a bad template', () => {
    const file = path.join(out, 'x.pdf')
    expect(run(['export', 'certificates', '--awards', 'nope', '--out', file]).code).toBe(2)
    expect(
      run([
        'export',
        'certificates',
        '--awards',
        awardIds[0] ?? '',
        '--badge',
        badgeId,
        '--out',
        file
      ]).code
    ).toBe(2)
    expect(
      run(['export', 'certificates', '--badge', badgeId, '--out', file, '--template', 'gothic'])
        .code
    ).toBe(2)
  })
})
