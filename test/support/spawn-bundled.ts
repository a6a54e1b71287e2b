/**
 * Runs a test-support script as a real Node process (for kill tests). Each script is bundled
 * once with esbuild (packages external) into a temp folder, so a child starts in tens of
 * milliseconds instead of loading tsx every time.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildSync } from 'esbuild'
import { REPO_ROOT } from '../vendor-paths.js'

let outDir: string | undefined
const bundles = new Map<string, string>()

function bundled(entry: string): string {
  const known = bundles.get(entry)
  if (known) return known
  outDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-child-'))
  const outfile = path.join(
    outDir,
    `${bundles.size}-${path.basename(entry).replace(/\.ts$/, '.mjs')}`
  )
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent'
  })
  // Bare imports resolve from the project's node_modules.
  const modules = path.join(outDir, 'node_modules')
  if (!fs.existsSync(modules)) {
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), modules, 'junction')
  }
  bundles.set(entry, outfile)
  return outfile
}

/** Removes the bundles (call from afterAll: vitest workers end without an 'exit' event). */
export function removeBundles(): void {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true })
  outDir = undefined
  bundles.clear()
}

export type Child = Readonly<{
  process: ChildProcess
  /** Everything printed so far, complete lines only. */
  lines(): string[]
  stderr(): string
  /** Resolves with the first complete line matching `test` (rejects if the child exits first). */
  waitFor(test: (line: string) => boolean, timeoutMs?: number): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}>

/** Spawns the bundled `entry` (an absolute .ts path) with `args`. */
export function spawnBundled(
  entry: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {}
): Child {
  const child = spawn(process.execPath, [bundled(entry), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env }
  })
  let out = ''
  let err = ''
  const waiters: Array<() => void> = []
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s
    for (const w of waiters.splice(0)) w()
  })
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    err += s
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w()
      resolve({ code, signal })
    })
  )
  const lines = (): string[] => out.split('\n').slice(0, -1)
  const waitFor = (test: (line: string) => boolean, timeoutMs = 30_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; stderr: ${err}`)), timeoutMs)
      const check = (): void => {
        const hit = lines().find(test)
        if (hit !== undefined) {
          clearTimeout(timer)
          resolve(hit)
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer)
          reject(new Error(`child exited; stdout: ${out} stderr: ${err}`))
        } else waiters.push(check)
      }
      check()
    })
  return { process: child, lines, stderr: () => err, waitFor, exited }
}
