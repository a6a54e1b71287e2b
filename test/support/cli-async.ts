/**
 * Runs the built CLI as a child process without blocking this process (a test that serves SMTP
 * or HTTP itself must keep its event loop free while the CLI talks to it).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { REPO_ROOT } from '../vendor-paths.js'
import type { CliRun } from './cli.js'

export type AsyncCli = Readonly<{
  child: ChildProcess
  done: Promise<CliRun & { signal: NodeJS.Signals | null }>
}>

export function kilnAsync(args: string[], env: Record<string, string | undefined> = {}): AsyncCli {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'kiln.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, KILN_SCRYPT_N: '16384', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s))
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? -1,
        signal,
        stdout,
        stderr,
        json: () => JSON.parse(stdout) as Record<string, unknown>
      })
    )
  })
  return { child, done }
}
