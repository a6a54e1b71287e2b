/**
 * The packaged app, proven here (issue 15 item 11, issue 13 item 11): packages the app with
 * electron-builder (`--dir`, a stand-in Electron distribution, since the real one cannot be
 * downloaded), reads the package back, checks the fuses the afterPack hook flipped, then loads
 * the PACKAGED main process against a stand-in `electron` module and drives a station over the
 * packaged IPC channel, with the core in the packaged utility entry (a worker thread with
 * Electron's parentPort and MessagePorts): init, a badge, an award with a non-Latin name, a
 * certificate preview, a site export that verifies. Calls from outside the window are refused.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import asar from '@electron/asar'
import fuses from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../vendor-paths.js'
import { makeStandInElectronDist } from './stand-in-dist.js'
import { electronShimSource } from './stand-in-electron.js'

const NAME = 'Фатима Әлиева'
const ON = 49 // '1'
const OFF = 48 // '0'

let work: string
let appOut: string
let appDir: string

function run(args: string[], env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 300_000
  })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}

beforeAll(() => {
  for (const built of [
    'out/electron/main.js',
    'out/electron/core-utility.js',
    'out/renderer/index.html'
  ]) {
    if (!fs.existsSync(path.join(REPO_ROOT, built))) {
      throw new Error(`${built} is missing: run \`npm run build\` before the packaging test.`)
    }
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-packaging-'))
  const dist = makeStandInElectronDist(path.join(work, 'electron-dist'))
  const packaged = run(
    [
      'scripts/dist.mjs',
      '--prebuilt',
      '--linux',
      '--dir',
      `-c.directories.output=${path.join(work, 'release')}`
    ],
    { ...process.env, ELECTRON_DIST: dist }
  )
  expect(packaged.status, packaged.output).toBe(0)
  appOut = path.join(work, 'release', 'linux-unpacked')
  appDir = path.join(work, 'app')
  asar.extractAll(path.join(appOut, 'resources', 'app.asar'), appDir)
  // The packaged code imports 'electron': here that is the stand-in.
  const shim = path.join(appDir, 'node_modules', 'electron')
  fs.mkdirSync(shim, { recursive: true })
  fs.writeFileSync(
    path.join(shim, 'package.json'),
    JSON.stringify({ name: 'electron', type: 'module', main: 'index.js' })
  )
  fs.writeFileSync(path.join(shim, 'index.js'), electronShimSource())
}, 360_000)

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true })
})

describe('the packaged app', () => {
  it('holds every module, font and native binary it needs, and nothing it must not', () => {
    const files = new Set(
      asar.listPackage(path.join(appOut, 'resources', 'app.asar'), { isPack: false })
    )
    for (const needed of [
      '/package.json',
      '/out/electron/main.js',
      '/out/electron/core-utility.js',
      '/out/electron/preload.cjs',
      '/out/renderer/index.html',
      '/out/site/verifier.js',
      '/resources/schemas/ob_v3p0_achievementcredential_schema.json',
      '/resources/fonts/certificate/NotoSans-Regular.ttf',
      '/resources/fonts/certificate/NotoSansArabic-Regular.ttf',
      '/node_modules/pdfkit/package.json',
      '/node_modules/@resvg/resvg-js/package.json',
      '/node_modules/lowdb/package.json'
    ]) {
      expect(files.has(needed), needed).toBe(true)
    }
    const paths = [...files]
    expect(paths.filter((file) => file.startsWith('/out/') && file.endsWith('.map'))).toEqual([])
    expect(paths.filter((file) => file.startsWith('/out/tools'))).toEqual([])
    expect(files.has('/node_modules/electron/package.json')).toBe(false)
    expect(files.has('/node_modules/react/package.json')).toBe(false)
    const unpacked = path.join(appOut, 'resources', 'app.asar.unpacked')
    const native = path.join(
      unpacked,
      'node_modules/@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node'
    )
    expect(fs.existsSync(native), native).toBe(true)
    expect(fs.existsSync(path.join(unpacked, 'resources', 'fonts', 'Inter-Bold.ttf'))).toBe(true)
  })

  it('has the Electron fuses flipped in the packaged binary', async () => {
    const wire = await fuses.getCurrentFuseWire(path.join(appOut, 'kiln'))
    const { FuseV1Options } = fuses
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF)
    // Linux has no embedded ASAR integrity check: Electron's default (off) stays.
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(OFF)
  })

  it('drives a station over the packaged IPC channel, with the core in the packaged utility entry', async () => {
    const dataDir = path.join(work, 'station')
    const site = path.join(work, 'site')
    const {
      KILN_RESOURCES_DIR: _r,
      KILN_VERIFIER_JS: _v,
      KILN_RENDERER_DIR: _d,
      KILN_PASSPHRASE: _p,
      NODE_ENV: _n,
      ...env
    } = process.env
    const child = fork(
      path.join(REPO_ROOT, 'test', 'packaging', 'packaged-main-harness.ts'),
      [appDir, path.join(work, 'user-data')],
      {
        cwd: REPO_ROOT,
        execArgv: ['--import', 'tsx'],
        env: { ...env, KILN_DATA: dataDir, KILN_SCRYPT_N: '1024' },
        serialization: 'advanced',
        stdio: ['ignore', 'pipe', 'pipe', 'ipc']
      }
    )
    const harness = drive(child)
    try {
      const ready = await harness.ready
      expect(ready).toMatchObject({
        window: {
          url: 'app://kiln/index.html',
          webPreferences: {
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            preload: path.join(appDir, 'out', 'electron', 'preload.cjs')
          },
          guarded: true,
          windowOpenDenied: true
        },
        channels: ['kiln:call'],
        protocols: ['app'],
        sandboxEnabled: true,
        requestFilters: 1,
        utilities: [path.join('out', 'electron', 'core-utility.js')]
      })

      const page = await harness.request<{ status: number; csp: string; body: string }>({
        t: 'fetch',
        url: 'app://kiln/index.html'
      })
      expect(page.status).toBe(200)
      expect(page.csp).toContain("script-src 'self'")
      expect(page.csp).not.toContain('unsafe-inline')
      expect(page.body).toContain('<div id="root">')

      const call = (method: string, input: unknown = {}, sender = 'window') =>
        harness.request<{ ok: boolean; value?: unknown; error?: { code: string } }>({
          t: 'call',
          method,
          input,
          sender
        })
      const value = async <T>(method: string, input: unknown = {}): Promise<T> => {
        const result = await call(method, input)
        expect(result.ok, `${method}: ${JSON.stringify(result.error)}`).toBe(true)
        return result.value as T
      }

      expect(await value('app:info')).toMatchObject({
        host: 'electron',
        logFile: path.join(dataDir, 'logs', 'kiln.log')
      })
      await value('station:init', {
        issuerName: 'Packaged Association',
        issuerUrl: 'https://packaged.example.org/',
        siteUrl: 'https://badges.packaged.example.org/',
        passphrase: 'packaged passphrase 1'
      })
      const badge = await value<{ id: string }>('badges:create', {
        name: 'Packaged',
        description: 'Came out of the package.',
        criteriaNarrative: 'Open the packaged app.'
      })
      await value('badges:publish', { id: badge.id })
      const award = await value<{ id: string; recipientName: string }>('awards:issue', {
        badgeId: badge.id,
        email: 'fatima@example.org',
        name: NAME
      })

      // Calls from outside the window are refused, and never reach the station.
      for (const sender of ['other-window', 'iframe', 'foreign-page']) {
        expect(await call('awards:list', {}, sender), sender).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' }
        })
      }

      const preview = await value<{ pdfBase64: string }>('certificates:preview', {
        awardId: award.id
      })
      const pdf = path.join(work, 'preview.pdf')
      fs.writeFileSync(pdf, Buffer.from(preview.pdfBase64, 'base64'))
      const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
      expect(text.status, text.stderr).toBe(0)
      expect(text.stdout).toContain(NAME)

      // The export is a job: it answers its id at once; jobs:get follows it to its end.
      const { jobId } = await value<{ jobId: string }>('bundle:export', { out: site })
      let job = await value<{ state: string; result?: { files: number } }>('jobs:get', { jobId })
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 100))
        job = await value('jobs:get', { jobId })
      }
      expect(job.state).toBe('done')
      expect(job.result?.files).toBeGreaterThan(0)
      expect(fs.existsSync(path.join(site, 'credentials', `${award.id}.json`))).toBe(true)
      // The site bakes badges in the browser (no PNG per award): the credential's page is there.
      expect(fs.existsSync(path.join(site, 'credentials', award.id, 'index.html'))).toBe(true)
      expect(fs.readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('Packaged')
      const verified = await value<{ ok: boolean; credentials: { valid: number } }>(
        'bundle:verify',
        { dir: site }
      )
      expect(verified).toMatchObject({ ok: true, credentials: { valid: 1 } })
      const listed = await value<{ total: number }>('awards:list', {})
      expect(listed.total).toBe(1)

      const quit = await harness.request<{
        quitted: boolean
        utilityExit: number
        utilityErrors: string[]
        handlersLeft: string[]
      }>({ t: 'quit' })
      expect(quit).toMatchObject({ quitted: true, utilityErrors: [], handlersLeft: [] })
      expect(fs.existsSync(path.join(dataDir, 'kiln.lock'))).toBe(false)
      const log = fs.readFileSync(path.join(dataDir, 'logs', 'kiln.log'), 'utf8')
      expect(log).toContain('the station runs in a utility process')
      expect(log).not.toContain('fatima@example.org')
      // The three refusals above are logged; nothing else went wrong.
      expect(log.match(/kiln (warn|error):.*/g)).toEqual(
        Array(3).fill('kiln warn: ipc: refused a call from outside the Kiln window')
      )
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 180_000)
})

type Harness = {
  ready: Promise<Record<string, unknown>>
  request<T>(message: Record<string, unknown>): Promise<T>
}

/** Request/response with the harness over the child's IPC channel; its output kept for failures. */
function drive(child: ChildProcess): Harness {
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const waiting = new Map<number, (value: unknown) => void>()
  let fail: (error: Error) => void = () => undefined
  const failed = new Promise<never>((_resolve, reject) => (fail = reject))
  failed.catch(() => undefined)
  let resolveReady: (value: Record<string, unknown>) => void = () => undefined
  const ready = new Promise<Record<string, unknown>>((resolve) => (resolveReady = resolve))
  child.on('message', (raw: unknown) => {
    if (typeof raw !== 'object' || raw === null || !('t' in raw)) return
    if (raw.t === 'ready') resolveReady(raw as Record<string, unknown>)
    if (raw.t === 'failed' && 'message' in raw) fail(new Error(String(raw.message)))
    if (raw.t === 'result' && 'id' in raw && typeof raw.id === 'number' && 'result' in raw) {
      waiting.get(raw.id)?.(raw.result)
      waiting.delete(raw.id)
    }
  })
  child.on('exit', (code, signal) => {
    fail(new Error(`the harness exited (code ${code}, signal ${signal})\n${output}`))
  })
  let nextId = 1
  return {
    ready: Promise.race([ready, failed]),
    request<T>(message: Record<string, unknown>): Promise<T> {
      const id = nextId++
      const answer = new Promise<T>((resolve) => waiting.set(id, (value) => resolve(value as T)))
      child.send({ ...message, id })
      return Promise.race([answer, failed])
    }
  }
}
