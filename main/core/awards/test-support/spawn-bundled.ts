/** Runs a test-support script as a real Node process, bundled once with esbuild (packages external). */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

const here = path.dirname(fileURLToPath(import.meta.url))
const projectRoot = path.resolve(here, '../../../..')
let outDir: string | undefined

export function bundle(script: string): string {
  outDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-child-'))
  const outfile = path.join(outDir, script.replace(/\.ts$/, '.mjs'))
  if (fs.existsSync(outfile)) return outfile
  buildSync({
    entryPoints: [path.join(here, script)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent'
  })
  const modules = path.join(outDir, 'node_modules')
  if (!fs.existsSync(modules)) {
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), modules, 'junction')
  }
  return outfile
}

export function removeBundle(): void {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true })
  outDir = undefined
}

export type Child = Readonly<{
  process: ChildProcess
  lines(): string[]
  stderr(): string
  waitFor(test: (line: string) => boolean, timeoutMs?: number): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}>

export function spawnBundled(script: string, args: string[]): Child {
  const child = spawn(process.execPath, [bundle(script), ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KILN_SCRYPT_N: '16384' }
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
