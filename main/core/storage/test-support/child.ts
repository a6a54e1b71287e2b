/** Spawning the test-support scripts as real Node processes (through tsx), for the tests. */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

const here = path.dirname(fileURLToPath(import.meta.url))
const projectRoot = path.resolve(here, '../../../..')
type Script = 'journal-writer.ts' | 'lock-holder.ts'
const bundles = new Map<Script, string>()

/**
 * The script bundled once into a plain .mjs (esbuild, packages external), so that each
 * child starts in tens of milliseconds instead of loading tsx every time.
 */
function bundled(script: Script): string {
  const known = bundles.get(script)
  if (known) return known
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-child-'))
  const outfile = path.join(outDir, script.replace(/\.ts$/, '.mjs'))
  buildSync({
    entryPoints: [path.join(here, script)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent'
  })
  // Bare imports (none today) resolve from the project's node_modules.
  fs.symlinkSync(
    path.join(projectRoot, 'node_modules'),
    path.join(outDir, 'node_modules'),
    'junction'
  )
  bundles.set(script, outfile)
  return outfile
}

/** Removes the bundles (call from afterAll: vitest workers end without an 'exit' event). */
export function removeBundles(): void {
  for (const file of bundles.values()) {
    fs.rmSync(path.dirname(file), { recursive: true, force: true })
  }
  bundles.clear()
}

export type Child = Readonly<{
  process: ChildProcess
  /** Everything printed so far, complete lines only. */
  lines(): string[]
  /** Resolves with the first complete line matching `test` (rejects if the child exits first). */
  waitFor(test: (line: string) => boolean, timeoutMs?: number): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}>

export function spawnScript(script: Script, args: string[]): Child {
  const child = spawn(process.execPath, [bundled(script), ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe']
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
  const waitFor = (test: (line: string) => boolean, timeoutMs = 20_000): Promise<string> =>
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
  return { process: child, lines, waitFor, exited }
}
