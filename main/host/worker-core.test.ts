import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { logger } from '../core/logger.js'
import { connectCore, type CoreLink } from '../relay/core-client.js'
import { MessageChannel, Worker } from 'node:worker_threads'
import { coreWorkerEntry, startWorkerCore, type WorkerCore } from './worker-core.js'

/**
 * The real `kiln serve` core worker (out/workers/core.js, built by the test global setup):
 * a station opened in another thread, driven through the relay.
 */
let dataDir: string
let core: WorkerCore | undefined

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-worker-core-'))
  process.env.KILN_SCRYPT_N = '1024'
})

afterEach(async () => {
  await core?.close()
  core = undefined
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const init = {
  issuerName: 'Relay Association',
  issuerUrl: 'https://relay.example.org/',
  siteUrl: 'https://badges.relay.example.org/',
  passphrase: 'relay passphrase 1'
}

describe('the kiln serve core worker', () => {
  it('opens the station in a worker thread, answers calls, forwards events, closes cleanly', async () => {
    core = await startWorkerCore({ dataDir })
    expect(fs.existsSync(path.join(dataDir, 'kiln.lock'))).toBe(true)
    const events: string[] = []
    core.bus.subscribe((event) => events.push(event.name))
    const status = await core.dispatch('station:status', {}, { host: 'web' })
    expect(status).toMatchObject({ ok: true, value: { initialized: false, dataDir } })
    const info = await core.dispatch('app:info', {}, { host: 'web' })
    expect(info).toMatchObject({
      ok: true,
      value: { host: 'web', logFile: path.join(dataDir, 'logs', 'kiln.log') }
    })
    const created = await core.dispatch('station:init', init, { host: 'web' })
    expect(created).toMatchObject({ ok: true, value: { initialized: true, locked: false } })
    const badge = await core.dispatch(
      'badges:create',
      { name: 'Relay', description: 'Crossed the relay.', criteriaNarrative: 'Call once.' },
      { host: 'web' }
    )
    expect(badge.ok).toBe(true)
    expect(events).toContain('data:changed')
    // Invalid input is refused by the dispatcher in the worker, as a value.
    expect(await core.dispatch('badges:get', { id: 42 }, { host: 'web' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })

    const worker = core.worker
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve))
    await core.close()
    core = undefined
    await exited
    expect(fs.existsSync(path.join(dataDir, 'kiln.lock'))).toBe(false)
  })

  it('carries the worker’s log lines to this thread’s log', async () => {
    const lines: string[] = []
    const restore = logger.setSink((line) => lines.push(line))
    try {
      core = await startWorkerCore({ dataDir })
      // A message the core's relay does not understand is logged there, and heard here.
      core.worker.postMessage({ t: 'nonsense' })
      await core.dispatch('station:status', {}, { host: 'web' })
      expect(lines).toContain('kiln warn: relay: ignored a malformed message from the host')
    } finally {
      restore()
    }
  })

  it('refuses a second core on the same station with the lock error', async () => {
    core = await startWorkerCore({ dataDir })
    await expect(startWorkerCore({ dataDir })).rejects.toMatchObject({ code: 'STATION_IN_USE' })
  })

  it('reports a worker that crashes mid-call as CORE_STOPPED, and keeps answering so', async () => {
    // Full-strength scrypt: station:init is surely still deriving the key (in the thread pool,
    // leaving the worker's loop free) when the crash comes.
    process.env.KILN_SCRYPT_N = String(2 ** 17)
    // The production worker entry, plus a trigger (on a port of its own) that throws inside
    // the worker thread.
    const trigger = new MessageChannel()
    const crashing = new Worker(
      `const { workerData } = require('node:worker_threads')
       workerData.trigger.on('message', () => { throw new Error('simulated crash') })
       import(${JSON.stringify(pathToFileURL(coreWorkerEntry()).href)})`,
      { eval: true, workerData: { trigger: trigger.port2 }, transferList: [trigger.port2] }
    )
    const crashes: string[] = []
    crashing.on('error', (error) => crashes.push(error.message))
    const lines: string[] = []
    const restore = logger.setSink((line) => lines.push(line))
    try {
      const link: CoreLink = {
        port: {
          post: (message) => crashing.postMessage(message),
          listen: (listener) => crashing.on('message', (message: unknown) => listener(message)),
          close: () => undefined
        },
        onExit: (listener) => crashing.once('exit', (code) => listener({ code })),
        kill: () => void crashing.terminate()
      }
      const relayed = await connectCore(link, { dataDir, host: 'web' })
      // station:init derives the key with scrypt in the thread pool: still running when the crash comes.
      const waiting = relayed.dispatch('station:init', init, { host: 'web' })
      trigger.port1.postMessage('crash')
      expect(await waiting).toMatchObject({
        ok: false,
        error: { code: 'CORE_STOPPED', message: /stopped unexpectedly \(exit code 1\)/ }
      })
      expect(await relayed.dispatch('station:status', {}, { host: 'web' })).toMatchObject({
        ok: false,
        error: { code: 'CORE_STOPPED' }
      })
      expect(await relayed.ended).toEqual({ code: 1 })
      expect(crashes).toEqual(['simulated crash'])
      expect(lines.some((line) => line.includes('stopped unexpectedly'))).toBe(true)
    } finally {
      restore()
      trigger.port1.close()
    }
  })
})
