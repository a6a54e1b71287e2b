/**
 * The CLI on a real full disk (a small tmpfs mounted for the test; tests run as root here and
 * in CI): exit 1 with DISK_FULL and a human sentence, never "an unexpected error", and a batch
 * says how many awards (and which) were made durable before the disk filled.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  TEST_PASSPHRASE,
  freshStation,
  kiln,
  removeDir,
  tempDir,
  type CliRun
} from '../support/cli.js'

let mount = ''
let scratch = ''
afterEach(() => {
  if (scratch) removeDir(scratch)
  scratch = ''
  if (!mount) return
  execFileSync('umount', [mount])
  fs.rmdirSync(mount)
  mount = ''
})

function fillUp(dir: string): void {
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=4k'], {
      stdio: 'ignore'
    })
  } catch {
    // dd stops with "No space left on device": that is the point.
  }
}

const errorOf = (
  run: CliRun
): { code?: string; message?: string; details?: Record<string, unknown> } =>
  (run.json().error ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> }

describe('a full disk', () => {
  it('a batch reports the awards made durable; badge create says the disk is full', () => {
    mount = tempDir('kiln-full-cli-')
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mount])
    const station = freshStation()
    // freshStation made its folder elsewhere: move the station onto the small disk.
    const dir = path.join(mount, 'station')
    fs.cpSync(station.dir, dir, { recursive: true })
    fs.rmSync(station.dir, { recursive: true, force: true })
    const run = (args: string[]) =>
      kiln(['--data', dir, ...args], { KILN_PASSPHRASE: TEST_PASSPHRASE })
    const created = run([
      'badge',
      'create',
      '--name',
      'Full',
      '--description',
      'd',
      '--criteria',
      'c',
      '--json'
    ])
    expect(created.code, created.stderr).toBe(0)
    const badgeId = String(created.json().id)
    expect(run(['badge', 'publish', badgeId]).code).toBe(0)
    scratch = tempDir('kiln-csv-')
    const csv = path.join(scratch, 'people.csv')
    fs.writeFileSync(
      csv,
      ['name,email', ...Array.from({ length: 2000 }, (_, i) => `P ${i},p${i}@example.com`)].join(
        '\n'
      )
    )

    const batch = run(['award', '--badge', badgeId, '--csv', csv, '--json'])
    expect(batch.code).toBe(1)
    const error = errorOf(batch)
    expect(error.code).toBe('DISK_FULL')
    const durable = Number(error.details?.durable)
    expect(durable).toBeGreaterThan(0)
    expect(error.message).toContain(`${durable} awards were made durable before it`)
    expect(error.details?.awardIds).toHaveLength(durable)
    const listed = run(['awards', 'list', '--json'])
    expect(listed.json().total).toBe(durable)
    expect(run(['audit', 'verify']).code).toBe(0)

    fillUp(mount)
    const badge = run([
      'badge',
      'create',
      '--name',
      'More',
      '--description',
      'd',
      '--criteria',
      'c',
      '--json'
    ])
    expect(badge.code).toBe(1)
    expect(errorOf(badge).code).toBe('DISK_FULL')
    expect(badge.stderr).not.toMatch(/unexpected/i)
    expect(fs.existsSync(path.join(dir, 'kiln.lock'))).toBe(false)
    fs.rmSync(path.join(mount, 'filler'))
    expect(run(['badge', 'list', '--json']).json().badges).toHaveLength(1)
  })
})
