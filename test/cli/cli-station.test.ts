import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshStation, kiln, removeDir, tempDir, TEST_PASSPHRASE } from '../support/cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('kiln init / status', () => {
  it('creates a station whose status shows the did:web issuer and key fingerprint', () => {
    const { dir, run } = freshStation()
    dirs.push(dir)
    const status = run(['status', '--json'])
    expect(status.code).toBe(0)
    const body = status.json()
    expect(body.issuer).toMatchObject({
      id: 'did:web:badges.example.org',
      name: 'Example Association'
    })
    expect((body.key as { fingerprint: string }).fingerprint).toMatch(/^SHA256:[A-Za-z0-9_-]{43}$/)
    expect(body).toMatchObject({ awards: 0, badges: 0, recipients: 0, dataDir: dir })
    for (const file of ['station.json', 'journal.ndjson', 'key.json']) {
      expect(existsSync(path.join(dir, file))).toBe(true)
    }
  })

  it('uses did:key with --did key', () => {
    const { dir, run } = freshStation(['--did', 'key'])
    dirs.push(dir)
    const issuer = run(['status', '--json']).json().issuer as { id: string }
    expect(issuer.id).toMatch(/^did:key:z6Mk/)
  })

  it('a wrong passphrase exits 2 with one line and changes nothing', () => {
    const { dir, run } = freshStation()
    dirs.push(dir)
    const before = readFileSync(path.join(dir, 'key.json'))
    const journalBefore = readFileSync(path.join(dir, 'journal.ndjson'))
    // Plain status never derives the key (test/cli/cli-startup.test.ts); --check-passphrase does.
    expect(run(['status'], { KILN_PASSPHRASE: 'wrong' }).code).toBe(0)
    const result = run(['status', '--check-passphrase'], { KILN_PASSPHRASE: 'wrong' })
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/passphrase/i)
    expect(readFileSync(path.join(dir, 'key.json'))).toEqual(before)
    expect(readFileSync(path.join(dir, 'journal.ndjson'))).toEqual(journalBefore)
  })

  it('refuses a second init and bad flags with exit 2', () => {
    const { dir, run } = freshStation()
    dirs.push(dir)
    const again = run([
      'init',
      '--issuer-name',
      'X',
      '--issuer-url',
      'https://x.org',
      '--site',
      'https://x.org'
    ])
    expect(again.code).toBe(2)
    const empty = tempDir()
    dirs.push(empty)
    const bad = kiln(
      [
        '--data',
        empty,
        'init',
        '--issuer-name',
        'X',
        '--issuer-url',
        'not a url',
        '--site',
        'https://x.org'
      ],
      {
        KILN_PASSPHRASE: TEST_PASSPHRASE
      }
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/issuerUrl/)
    expect(existsSync(path.join(empty, 'station.json'))).toBe(false)
  })

  it('prints help for every command', () => {
    for (const args of [
      ['--help'],
      ['init', '--help'],
      ['status', '--help'],
      ['serve', '--help'],
      ['audit', 'verify', '--help'],
      ['backup', '--help'],
      ['restore', '--help'],
      ['badge', 'create', '--help'],
      ['award', '--help'],
      ['verify', '--help'],
      ['export', 'credential', '--help']
    ]) {
      const result = kiln(args)
      expect(result.code, args.join(' ')).toBe(0)
      expect(result.stdout).toMatch(/Usage: kiln/)
    }
  })

  it('audit verify passes on a fresh station and backup → restore gives a working station', () => {
    const { dir, run } = freshStation()
    dirs.push(dir)
    expect(run(['audit', 'verify']).code).toBe(0)
    const out = path.join(tempDir(), 'station.kiln-backup')
    const backup = run(['backup', '--out', out, '--json'])
    expect(backup.code).toBe(0)
    const target = path.join(tempDir(), 'restored')
    dirs.push(target)
    const restore = kiln(['--data', target, 'restore', out], { KILN_PASSPHRASE: TEST_PASSPHRASE })
    expect(restore.code).toBe(0)
    const status = kiln(['--data', target, 'status', '--json'], {
      KILN_PASSPHRASE: TEST_PASSPHRASE
    })
    expect(status.code).toBe(0)
    expect(status.json().key).toEqual(run(['status', '--json']).json().key)
    // Never over an existing station silently.
    const again = kiln(['--data', target, 'restore', out], { KILN_PASSPHRASE: TEST_PASSPHRASE })
    expect(again.code).toBe(2)
  })
})
