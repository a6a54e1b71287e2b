/**
 * `kiln serve` opens the browser with a one-time code, never with the session token (issue 13
 * item 5): a command line is readable by every local user. The test puts a stand-in browser
 * opener first on PATH that records its arguments, then exchanges the code: once, and only once.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../vendor-paths.js'
import { removeDir, tempDir } from '../support/cli.js'

let work: string
let child: ChildProcess | undefined

beforeEach(() => {
  work = tempDir('kiln-serve-')
})

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  child = undefined
  removeDir(work)
})

async function until<T>(probe: () => T | undefined, what: string, boundMs = 30_000): Promise<T> {
  const end = Date.now() + boundMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`not within ${boundMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function post(url: URL, target: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        method: 'POST',
        path: target,
        headers: { Host: url.host, 'Content-Type': 'application/json' }
      },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
      }
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

describe('kiln serve', () => {
  it('opens the browser with a one-time code that works once, never with the token', async () => {
    const bin = path.join(work, 'bin')
    const argvFile = path.join(work, 'opener-argv.txt')
    fs.mkdirSync(bin)
    for (const opener of ['xdg-open', 'open']) {
      fs.writeFileSync(
        path.join(bin, opener),
        `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(argvFile)}\n`,
        { mode: 0o755 }
      )
    }
    const dataDir = path.join(work, 'station')
    fs.mkdirSync(dataDir)
    let stdout = ''
    child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'kiln.js'), 'serve', '--port', '0', '--data', dataDir],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const printed = await until(
      () => /http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]+)/.exec(stdout) ?? undefined,
      'kiln serve prints its address'
    )
    const token = printed[1] ?? ''
    const argv = await until(
      () => (fs.existsSync(argvFile) ? fs.readFileSync(argvFile, 'utf8') : undefined),
      'the browser opener runs'
    )
    // The opener's command line holds a one-time code, and nothing of the session token.
    expect(argv).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#code=[A-Za-z0-9_-]{32}\n$/)
    expect(argv).not.toContain(token)
    expect(argv).not.toContain('token')
    const opened = new URL(argv.trim())
    const code = new URLSearchParams(opened.hash.slice(1)).get('code') ?? ''

    const first = await post(opened, '/api/session', { code })
    expect(first).toEqual({ status: 200, body: { ok: true, value: { token } } })
    const again = await post(opened, '/api/session', { code })
    expect(again).toMatchObject({
      status: 401,
      body: { ok: false, error: { code: 'UNAUTHORIZED' } }
    })
    const guessed = await post(opened, '/api/session', { code: code.replace(/.$/, 'x') })
    expect(guessed.status).toBe(401)

    // The host writes its log into the data folder, with neither the token nor the code.
    const log = await until(() => {
      const file = path.join(dataDir, 'logs', 'kiln.log')
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
      return text.includes('already used') ? text : undefined
    }, 'the refused code is logged')
    expect(log).toContain('kiln serve: listening on 127.0.0.1:')
    expect(log).not.toContain(token)
    expect(log).not.toContain(code)
  })
})
