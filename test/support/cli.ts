/** Runs the real, built CLI (bin/kiln.js → out/cli/kiln.js) as a child process. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../vendor-paths.js'

export type CliRun = {
  code: number
  stdout: string
  stderr: string
  json: () => Record<string, unknown>
}

export const TEST_PASSPHRASE = 'correct horse battery staple'

export function tempDir(prefix = 'kiln-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Every file below `dir`, at any depth (full paths). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

export function kiln(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'kiln.js'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, KILN_SCRYPT_N: '16384', NODE_ENV: 'production', ...env },
    timeout: 60_000
  })
  const stdout = result.stdout ?? ''
  return {
    code: result.status ?? -1,
    stdout,
    stderr: result.stderr ?? '',
    json: () => JSON.parse(stdout) as Record<string, unknown>
  }
}

/** A fresh station in a temp dir: returns its data dir and a runner bound to it. */
export function freshStation(extraInit: string[] = []): {
  dir: string
  run: (args: string[], env?: Record<string, string | undefined>) => CliRun
} {
  const dir = tempDir()
  const run = (args: string[], env: Record<string, string | undefined> = {}) =>
    kiln(['--data', dir, ...args], { KILN_PASSPHRASE: TEST_PASSPHRASE, ...env })
  const init = run([
    'init',
    '--issuer-name',
    'Example Association',
    '--issuer-url',
    'https://example.org/',
    '--site',
    'https://badges.example.org/',
    '--issuer-email',
    'office@example.org',
    ...extraInit
  ])
  if (init.code !== 0) throw new Error(`kiln init failed: ${init.stderr}`)
  return { dir, run }
}

/**
 * `kiln badge create` (name, description, criteria, then any `extra` flags) and `badge publish`
 * on a station's runner: the new badge's id.
 */
export function publishedBadge(
  run: (args: string[]) => CliRun,
  name: string,
  description: string,
  criteria: string,
  extra: readonly string[] = []
): string {
  const created = run(
    ['badge', 'create', '--name', name, '--description', description].concat([
      '--criteria',
      criteria,
      ...extra,
      '--json'
    ])
  )
  if (created.code !== 0) throw new Error(`kiln badge create failed: ${created.stderr}`)
  const badge = String(created.json().id)
  const published = run(['badge', 'publish', badge])
  if (published.code !== 0) throw new Error(`kiln badge publish failed: ${published.stderr}`)
  return badge
}
