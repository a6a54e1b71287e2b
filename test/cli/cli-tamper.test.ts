/**
 * Tamper evidence through the real CLI: one byte of a confirmed journal line changed (also with
 * the file's mtime put back with `touch -d`) stops every command that opens the station with
 * JOURNAL_CORRUPT naming the line, before anything is written; `kiln audit verify` still walks
 * the file and reports it.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { snapshotFiles } from '../../main/core/catalog/test-support/files.js'
import { freshStation, removeDir, type CliRun } from '../support/cli.js'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(removeDir))

function stationWithAwards(): {
  dir: string
  run: (args: string[]) => CliRun
  badgeId: string
} {
  const station = freshStation()
  dirs.push(station.dir)
  const created = station.run([
    'badge',
    'create',
    '--name',
    'Tamper Test',
    '--description',
    'Awarded.',
    '--criteria',
    'Be there.',
    '--json'
  ])
  const badgeId = String(created.json().id)
  expect(station.run(['badge', 'publish', badgeId]).code).toBe(0)
  for (const name of ['Ana Silva', 'Bo Lee', 'Cy Ng']) {
    const email = `${name.split(' ')[0]?.toLowerCase()}@example.org`
    expect(station.run(['award', '--badge', badgeId, '--email', email, '--name', name]).code).toBe(
      0
    )
  }
  return { dir: station.dir, run: station.run, badgeId }
}

/** Changes one byte of the line that awards Bo Lee ("Bo Lee" → "Bo Lea"); returns its line number. */
function editMiddleLine(journal: string): number {
  const bytes = fs.readFileSync(journal)
  const at = bytes.indexOf('"recipientName":"Bo Lee"') + '"recipientName":"Bo Le'.length
  bytes[at] = 'a'.charCodeAt(0)
  fs.writeFileSync(journal, bytes)
  return bytes.subarray(0, at).toString('utf8').split('\n').length
}

describe('an edited journal line', () => {
  for (const keepMtime of [false, true]) {
    it(`is refused at the next open${keepMtime ? ', even with its mtime put back (touch -d)' : ''}, changing no file`, () => {
      const { dir, run, badgeId } = stationWithAwards()
      const journal = path.join(dir, 'journal.ndjson')
      const total = fs.readFileSync(journal, 'utf8').trim().split('\n').length
      const mtime = fs.statSync(journal).mtime.toISOString()
      const line = editMiddleLine(journal)
      expect(line).toBeGreaterThan(1)
      expect(line).toBeLessThan(total)
      if (keepMtime) {
        execFileSync('touch', ['-d', mtime, journal])
        expect(fs.statSync(journal).mtime.toISOString()).toBe(mtime)
      }
      const before = snapshotFiles(dir)

      const award = run([
        'award',
        '--badge',
        badgeId,
        '--email',
        'dee@example.org',
        '--name',
        'Dee',
        '--json'
      ])
      expect(award.code).toBe(1)
      const error = (award.json().error ?? {}) as { code?: string; message?: string }
      expect(error.code).toBe('JOURNAL_CORRUPT')
      // The line after the edited one no longer links to it.
      expect(error.message).toBe(
        `journal.ndjson line ${line + 1}: prev does not match the SHA-256 of line ${line} (that line or this one was changed, or a line was removed)`
      )
      const status = run(['status'])
      expect(status.code).toBe(1)
      expect(status.stderr).toContain(`journal.ndjson line ${line + 1}`)
      expect(snapshotFiles(dir)).toEqual(before)

      const audit = run(['audit', 'verify', '--json'])
      expect(audit.code).toBe(1)
      expect(audit.json()).toMatchObject({ ok: false, firstBroken: { line: line + 1 } })
      expect(snapshotFiles(dir)).toEqual(before)
    })
  }

  it('an edit of the last line is caught by the seal Kiln left', () => {
    const { dir, run } = stationWithAwards()
    const journal = path.join(dir, 'journal.ndjson')
    const lines = fs.readFileSync(journal, 'utf8').split('\n')
    const last = lines.length - 2
    lines[last] = (lines[last] ?? '').replace('"recipientName":"Cy Ng"', '"recipientName":"Cy Ny"')
    fs.writeFileSync(journal, lines.join('\n'))
    const before = snapshotFiles(dir)
    const status = run(['status', '--json'])
    expect(status.code).toBe(1)
    expect(status.json()).toMatchObject({
      error: {
        code: 'JOURNAL_CORRUPT',
        message: expect.stringMatching(
          new RegExp(`^journal\\.ndjson line ${last + 1}: the line differs`)
        )
      }
    })
    expect(snapshotFiles(dir)).toEqual(before)
  })
})
