import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBackup } from '../../main/core/storage/backup.js'
import { freshStation, kiln, removeDir, tempDir, TEST_PASSPHRASE } from '../support/cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

// About twenty kiln processes per test, each opening and unlocking a station: a few seconds
// each on a busy 2-core machine. These limits are honest for that, not for an idle laptop.
const MANY_PROCESSES = 240_000

describe('kiln backup / restore (issue 8)', () => {
  it(
    'restoring a backup on a fresh data directory gives a station whose credentials, journal chain and key all check out',
    { timeout: MANY_PROCESSES },
    () => {
      const { dir, run } = freshStation()
      const out = tempDir()
      dirs.push(dir, out)
      const badge = String(
        run([
          'badge',
          'create',
          '--name',
          'Speaker',
          '--description',
          'Gave a talk',
          '--criteria',
          'Give a talk',
          '--json'
        ]).json().id
      )
      expect(run(['badge', 'publish', badge]).code).toBe(0)
      const issued = run([
        'award',
        '--badge',
        badge,
        '--email',
        'ada@example.org',
        '--name',
        'Ada Lovelace',
        '--json'
      ])
      const awardId = (issued.json().issued as { id: string }[])[0]?.id ?? ''
      expect(awardId).not.toBe('')
      const original = run(['status', '--json']).json()

      const file = path.join(out, 'station.kbak')
      const backup = run(['backup', '--out', file, '--json'])
      expect(backup.code, backup.stderr).toBe(0)
      expect(backup.json().format).toBe('kiln-backup/2')

      const target = path.join(tempDir(), 'restored')
      dirs.push(path.dirname(target))
      // Wrong passphrase: usage/input error, nothing written.
      const wrong = kiln(['--data', target, 'restore', file], {
        KILN_PASSPHRASE: 'not the passphrase'
      })
      expect(wrong.code).toBe(2)
      expect(wrong.stderr).toMatch(/passphrase/i)
      expect(existsSync(target)).toBe(false)
      // No passphrase at all (no terminal): refused too.
      expect(kiln(['--data', target, 'restore', file], { KILN_PASSPHRASE: '' }).code).toBe(2)
      expect(existsSync(target)).toBe(false)

      const restore = kiln(['--data', target, 'restore', file, '--json'], {
        KILN_PASSPHRASE: TEST_PASSPHRASE
      })
      expect(restore.code, restore.stderr).toBe(0)
      const again = (args: string[]) =>
        kiln(['--data', target, ...args], { KILN_PASSPHRASE: TEST_PASSPHRASE })

      expect(again(['audit', 'verify']).code).toBe(0)
      const status = again(['status', '--json']).json()
      expect(status.key).toEqual(original.key)
      expect(status.awards).toBe(1)
      const exported = path.join(out, 'restored.json')
      expect(
        again(['export', 'credential', awardId, '--format', 'ob3', '--out', exported]).code
      ).toBe(0)
      const verified = again(['verify', exported, '--json'])
      expect(verified.code, verified.stdout).toBe(0)
      const next = again([
        'award',
        '--badge',
        badge,
        '--email',
        'grace@example.org',
        '--name',
        'Grace Hopper',
        '--json'
      ])
      expect(next.code, next.stderr).toBe(0)
      expect(again(['audit', 'verify']).code).toBe(0)

      // Never over a station silently; --force moves it aside.
      expect(again(['restore', file]).code).toBe(2)
      const forced = again(['restore', file, '--force', '--json'])
      expect(forced.code, forced.stderr).toBe(0)
      expect(existsSync(String(forced.json().movedAside))).toBe(true)
    }
  )

  it('still restores an unencrypted kiln-backup/1 archive', { timeout: 120_000 }, async () => {
    const { dir, run } = freshStation()
    const out = tempDir()
    dirs.push(dir, out)
    const file = path.join(out, 'old.zip')
    await createBackup(dir, file)
    const target = path.join(out, 'restored')
    const restore = kiln(['--data', target, 'restore', file, '--json'], {
      KILN_PASSPHRASE: TEST_PASSPHRASE
    })
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.json().format).toBe('kiln-backup/1')
    const status = kiln(['--data', target, 'status', '--json'], {
      KILN_PASSPHRASE: TEST_PASSPHRASE
    })
    expect(status.json().key).toEqual(run(['status', '--json']).json().key)
    expect(readdirSync(target)).toContain('journal.ndjson')
  })
})
