import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { GENESIS_HASH, Journal, verifyJournal } from './journal.js'

const station = 'st-test'
let dir: string
let file: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
  file = path.join(dir, 'journal.ndjson')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex')

function writeEntries(n: number): void {
  const j = Journal.open(file, { stationId: station })
  for (let i = 1; i <= n; i++) {
    j.append('award.issued', { i, name: `Recipient ${i}`, note: 'é ✓ \u2028' })
  }
  j.close()
}

function openFailure(options = { stationId: station }): KilnFailure {
  try {
    Journal.open(file, options).close()
  } catch (e) {
    if (e instanceof KilnFailure) return e
    throw e
  }
  throw new Error('expected Journal.open to fail')
}

describe('Journal', () => {
  it('creates the file, appends hash-chained lines and reads them back after reopening', () => {
    const j = Journal.open(file, { stationId: station })
    expect(fs.existsSync(file)).toBe(true)
    expect(j.head).toEqual({ seq: 0, hash: GENESIS_HASH })
    const a = j.append('recipient.added', { email: 'a@example.org' }, '2026-01-01T00:00:00.000Z')
    const b = j.append('award.issued', { when: new Date('2026-01-02T00:00:00Z'), skip: undefined })
    expect(a).toEqual({
      seq: 1,
      ts: '2026-01-01T00:00:00.000Z',
      station,
      type: 'recipient.added',
      data: { email: 'a@example.org' },
      prev: GENESIS_HASH
    })
    // What append returns is what a reopen reads (dates become strings, undefined disappears).
    expect(b.data).toEqual({ when: '2026-01-02T00:00:00.000Z' })
    j.close()

    const lines = fs.readFileSync(file, 'utf8').split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe('')
    expect(JSON.parse(lines[0] ?? '')).toEqual(a)
    expect(b.prev).toBe(sha(lines[0] ?? ''))
    expect(Object.keys(JSON.parse(lines[1] ?? ''))).toEqual([
      'seq',
      'ts',
      'station',
      'type',
      'data',
      'prev'
    ])

    const again = Journal.open(file, { stationId: station })
    expect(again.count).toBe(2)
    expect(again.entries()).toEqual([a, b])
    expect(again.head).toEqual({ seq: 2, hash: sha(lines[1] ?? '') })
    const c = again.append('award.revoked', { id: 1 })
    expect(c.seq).toBe(3)
    expect(c.prev).toBe(sha(lines[1] ?? ''))
    again.close()
    expect(verifyJournal(file)).toEqual({ ok: true, entries: 3, head: again.head.hash })
  })

  it('appendMany writes a group in one commit and continues the chain', () => {
    const j = Journal.open(file, { stationId: station })
    j.append('x', 1)
    const many = j.appendMany([
      { type: 'award.issued', data: { n: 1 } },
      { type: 'award.issued', data: { n: 2 }, ts: '2026-03-01T00:00:00.000Z' },
      { type: 'award.issued', data: null }
    ])
    expect(many.map((e) => e.seq)).toEqual([2, 3, 4])
    expect(j.appendMany([])).toEqual([])
    j.close()
    expect(verifyJournal(file)).toMatchObject({ ok: true, entries: 4 })
    expect(
      Journal.open(file, { stationId: station })
        .entries()
        .map((e) => e.data)
    ).toEqual([1, { n: 1 }, { n: 2 }, null])
  })

  it('appends nothing when one item of a group cannot be serialised', () => {
    const j = Journal.open(file, { stationId: station })
    j.append('x', 1)
    const size = fs.statSync(file).size
    expect(() =>
      j.appendMany([
        { type: 'ok', data: 1 },
        { type: 'bad', data: { n: 10n } }
      ])
    ).toThrow()
    expect(() => j.append('', {})).toThrow(KilnFailure)
    expect(fs.statSync(file).size).toBe(size)
    expect(j.append('y', 2).seq).toBe(2)
    j.close()
    expect(() => j.append('z', 3)).toThrow(/closed/)
  })

  it('cuts off a torn last line with a warning and continues the chain', () => {
    writeEntries(3)
    const good = fs.readFileSync(file)
    const half = '{"seq":4,"ts":"2026-01-01T00:00:00.000Z","station":"st-te'
    fs.appendFileSync(file, half)
    const warnings: string[] = []
    const j = Journal.open(file, { stationId: station, onWarning: (m) => warnings.push(m) })
    expect(warnings).toEqual([
      `journal.ndjson: removed an incomplete last line (${half.length} bytes) left by an interrupted write; the journal ends at entry 3`
    ])
    expect(fs.readFileSync(file).equals(good)).toBe(true)
    expect(j.append('after', {}).seq).toBe(4)
    j.close()
    expect(verifyJournal(file)).toMatchObject({ ok: true, entries: 4 })
  })

  it('treats a zero-filled last line (unsynced write after a power cut) as torn', () => {
    writeEntries(2)
    const good = fs.readFileSync(file)
    fs.appendFileSync(file, Buffer.concat([Buffer.alloc(300), Buffer.from('\n')]))
    const warnings: string[] = []
    Journal.open(file, { stationId: station, onWarning: (m) => warnings.push(m) }).close()
    expect(warnings).toHaveLength(1)
    expect(fs.readFileSync(file).equals(good)).toBe(true)
  })

  it('refuses a damaged middle line with JOURNAL_CORRUPT and leaves every byte as it was', () => {
    writeEntries(5)
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    lines[2] = (lines[2] ?? '').slice(0, 40) // line 3 is no longer JSON
    fs.writeFileSync(file, lines.join('\n') + '{"torn')
    const before = fs.readFileSync(file)
    const failure = openFailure()
    expect(failure.code).toBe('JOURNAL_CORRUPT')
    expect(failure.message).toBe('journal.ndjson line 3: the line is not valid JSON')
    expect(fs.readFileSync(file).equals(before)).toBe(true) // not even the torn tail was cut
  })

  it('refuses a line whose seq does not follow, a broken link, or another station', () => {
    writeEntries(4)
    const original = fs.readFileSync(file, 'utf8')
    const lines = original.split('\n')

    fs.writeFileSync(file, [lines[0], lines[1], lines[3], ''].join('\n'))
    expect(openFailure().message).toBe('journal.ndjson line 3: seq is 4, expected 3')

    const edited = (lines[1] ?? '').replace('Recipient 2', 'Recipient X')
    fs.writeFileSync(file, [lines[0], edited, lines[2], lines[3], ''].join('\n'))
    const before = fs.readFileSync(file)
    expect(openFailure().message).toMatch(
      /^journal.ndjson line 3: prev does not match the SHA-256 of line 2/
    )
    expect(fs.readFileSync(file).equals(before)).toBe(true)

    fs.writeFileSync(file, original)
    expect(openFailure({ stationId: 'st-other' }).message).toBe(
      'journal.ndjson line 1: the entry belongs to station "st-test", not "st-other"'
    )
  })

  it('with a seal that matches the file, opens without hashing; any other change means a full check', () => {
    const sealFile = path.join(dir, 'journal.seal')
    const j = Journal.open(file, { stationId: station, sealFile })
    for (let i = 1; i <= 6; i++) j.append('award.issued', { i, name: `Recipient ${i}` })
    j.close()
    const sealed = Journal.open(file, { stationId: station, sealFile })
    expect(sealed.verification.mode).toBe('sealed')
    expect(sealed.head.seq).toBe(6)
    sealed.close()

    // An edit that keeps the size and even the mtime still changes ctime: a full check finds it.
    const before = fs.statSync(file)
    const bytes = fs.readFileSync(file)
    const at = bytes.indexOf('Recipient 3') + 'Recipient '.length
    bytes[at] = '8'.charCodeAt(0)
    fs.writeFileSync(file, bytes)
    fs.utimesSync(file, before.atime, before.mtime)
    const edited = fs.readFileSync(file)
    expect(() => Journal.open(file, { stationId: station, sealFile })).toThrow(
      /line 4: prev does not match the SHA-256 of line 3/
    )
    expect(fs.readFileSync(file).equals(edited)).toBe(true)
  })

  it('a stale seal still catches an edited last line and lines removed from the end', () => {
    const sealFile = path.join(dir, 'journal.seal')
    const j = Journal.open(file, { stationId: station, sealFile })
    for (let i = 1; i <= 4; i++) j.append('award.issued', { i, name: `Recipient ${i}` })
    j.close()
    const original = fs.readFileSync(file, 'utf8')
    const lines = original.split('\n')
    lines[3] = (lines[3] ?? '').replace('Recipient 4', 'Recipient 9') // the last line: no link breaks
    fs.writeFileSync(file, lines.join('\n'))
    expect(() => Journal.open(file, { stationId: station, sealFile })).toThrow(
      /line 4: the line differs from the one Kiln confirmed/
    )
    fs.writeFileSync(file, original.split('\n').slice(0, 3).join('\n') + '\n')
    expect(() => Journal.open(file, { stationId: station, sealFile })).toThrow(
      /the journal ends at entry 3, but Kiln had confirmed 4 entries/
    )
    // Without a seal (or with a damaged one) the chain alone is checked, as before.
    fs.writeFileSync(sealFile, 'not a seal')
    const again = Journal.open(file, { stationId: station, sealFile })
    expect(again.verification.mode).toBe('full')
    expect(again.head.seq).toBe(3)
    again.close()
  })
})

describe('verifyJournal', () => {
  it('finds the first broken link after one byte in the middle is edited', () => {
    writeEntries(10)
    const ok = verifyJournal(file)
    expect(ok.ok).toBe(true)
    expect(ok.entries).toBe(10)
    const bytes = fs.readFileSync(file)
    const lineStarts = [0]
    bytes.forEach((b, i) => {
      if (b === 10) lineStarts.push(i + 1)
    })
    const at =
      (lineStarts[4] ?? 0) +
      bytes.subarray(lineStarts[4]).indexOf('Recipient 5') +
      'Recipient '.length
    bytes[at] = '7'.charCodeAt(0) // line 5 now says "Recipient 7": still valid JSON
    fs.writeFileSync(file, bytes)
    const report = verifyJournal(file)
    expect(report.ok).toBe(false)
    expect(report.entries).toBe(10)
    expect(report.firstBroken).toEqual({
      seq: 6,
      line: 6,
      reason:
        'prev does not match the SHA-256 of line 5 (that line or this one was changed, or a line was removed)'
    })
    expect(() => Journal.open(file, { stationId: station })).toThrow(/line 6: prev does not match/)
  })

  it('reports a torn tail, a missing file and an empty journal without throwing', () => {
    writeEntries(2)
    fs.appendFileSync(file, '{"seq":3')
    expect(verifyJournal(file)).toMatchObject({
      ok: false,
      entries: 2,
      firstBroken: { seq: 3, line: 3 }
    })
    expect(verifyJournal(file).firstBroken?.reason).toMatch(/incomplete last line \(8 bytes/)
    expect(verifyJournal(path.join(dir, 'nope.ndjson'))).toMatchObject({ ok: false, entries: 0 })
    fs.writeFileSync(file, '')
    expect(verifyJournal(file)).toEqual({ ok: true, entries: 0 })
  })

  it('reads lines that span its 4 MB read chunks', () => {
    const j = Journal.open(file, { stationId: station })
    const big = 'x'.repeat(1_500_000)
    for (let i = 0; i < 7; i++) j.append('big', { i, big })
    j.close()
    expect(fs.statSync(file).size).toBeGreaterThan(8 * 1024 * 1024)
    expect(verifyJournal(file)).toMatchObject({ ok: true, entries: 7 })
    const again = Journal.open(file, { stationId: station })
    expect(again.entries().map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6])
    again.close()
  })
})
