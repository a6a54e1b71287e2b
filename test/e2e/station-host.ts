/**
 * Starts the real web host (`kiln serve`) on a free loopback port for one test and stops it
 * afterwards. The host prints its URL with the session token on stdout; we take the first one.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../vendor-paths.js'

export const STATION_URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/

export type StationHost = Readonly<{
  url: string
  /** Everything the host printed (stdout and stderr), for failure reports. */
  output: () => string
  stop: () => Promise<void>
}>

const START_TIMEOUT_MS = 20_000
const STOP_TIMEOUT_MS = 5_000

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

export type StationHostOptions = Readonly<{
  /**
   * Let `kiln serve` open "the browser": a stand-in opener (first on PATH) writes the address
   * it was given to this file.
   */
  openerLog?: string
}>

export async function startStationHost(
  dataDir: string,
  options: StationHostOptions = {}
): Promise<StationHost> {
  // The UI must unlock the station itself: never hand the host a passphrase.
  const { KILN_PASSPHRASE: _unused, ...env } = process.env
  let pathVar = env.PATH ?? ''
  if (options.openerLog) {
    const bin = path.join(path.dirname(options.openerLog), 'opener-bin')
    fs.mkdirSync(bin, { recursive: true })
    for (const name of ['xdg-open', 'open']) {
      const script = `#!/bin/sh\nprintf '%s' "$1" > ${JSON.stringify(options.openerLog)}\n`
      fs.writeFileSync(path.join(bin, name), script, { mode: 0o755 })
    }
    pathVar = `${bin}${path.delimiter}${pathVar}`
  }
  const child = spawn(
    process.execPath,
    [
      'bin/kiln.js',
      'serve',
      '--port',
      '0',
      ...(options.openerLog ? [] : ['--no-open']),
      '--data',
      dataDir
    ],
    {
      cwd: REPO_ROOT,
      env: { ...env, KILN_DATA: dataDir, PATH: pathVar },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let output = ''
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    output += chunk
  })

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
      child.kill('SIGKILL')
      await waitForExit(child, STOP_TIMEOUT_MS)
    }
  }

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => {
      reject(new Error(`kiln serve printed no URL within ${START_TIMEOUT_MS} ms.\n${output}`))
    }, START_TIMEOUT_MS)
    child.stdout?.on('data', (chunk: string) => {
      output += chunk
      stdout += chunk
      const match = STATION_URL_PATTERN.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(match[0])
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(
        new Error(
          `kiln serve exited (code ${code}, signal ${signal}) before printing its URL.\n${output}`
        )
      )
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  }).catch(async (error: unknown) => {
    await stop()
    throw error
  })

  return { url, output: () => output, stop }
}
