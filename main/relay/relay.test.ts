import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { EventBus } from '../core/events.js'
import { KilnFailure } from '../core/failure.js'
import { err, ok, type Result } from '../../shared/result.js'
import { DATA_DOMAINS } from '../../shared/events.js'
import { connectCore, type CoreExit, type CoreLink } from './core-client.js'
import { serveCore, type CoreFactory, type RelayedCoreParts } from './core-server.js'
import { noHostServices, type HostServices } from '../core/host-services.js'
import { nodePort } from './port.js'

/**
 * Both ends of the relay in this thread, over a real MessageChannel (structured clone and all);
 * the "process" is a link whose exit the test triggers. The real worker thread is tested in
 * main/host/worker-core.test.ts, the packaged utility process in test/packaging.
 */
type Harness = {
  link: CoreLink & { exit(exit: CoreExit): void; killed: number }
  served: Promise<void>
  factoryCalls: Array<Parameters<CoreFactory>[0]>
}

const channels: MessageChannel[] = []
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
})

function harness(factory: CoreFactory): Harness {
  const channel = new MessageChannel()
  channels.push(channel)
  const factoryCalls: Harness['factoryCalls'] = []
  const served = serveCore(nodePort(channel.port2), {
    forwardLogs: false,
    factory: async (options) => {
      factoryCalls.push(options)
      return factory(options)
    }
  })
  const exitListeners: Array<(exit: CoreExit) => void> = []
  const link: Harness['link'] = {
    port: nodePort(channel.port1),
    onExit: (listener) => exitListeners.push(listener),
    killed: 0,
    kill() {
      link.killed++
      link.exit({ code: 0 })
    },
    exit(exit) {
      for (const listener of exitListeners.splice(0)) listener(exit)
    }
  }
  return { link, served, factoryCalls }
}

function fakeCore(
  dispatch: RelayedCoreParts['dispatch'],
  bus = new EventBus()
): RelayedCoreParts & { closed: number } {
  const core = {
    dispatch,
    bus,
    closed: 0,
    close: async () => {
      core.closed++
    }
  }
  return core
}

/**
 * A harness whose fake core answers each call through `use`, with the host services the relay
 * gave the core when it opened (none before that).
 */
function servicesHarness(
  use: (services: HostServices, method: unknown, input: unknown) => Promise<Result<unknown>>
): Harness {
  let coreServices: HostServices = noHostServices
  const core = fakeCore(async (method, input) => use(coreServices, method, input))
  return harness(async (options) => {
    coreServices = options.services
    return core
  })
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the relay', () => {
  it('answers calls by id, also when they finish out of order, with the host kind', async () => {
    const seen: unknown[][] = []
    const core = fakeCore(async (method, input, ctx) => {
      seen.push([method, input, ctx])
      if (method === 'slow') await delay(30)
      return ok({ method, input })
    })
    const { link, factoryCalls } = harness(async () => core)
    const relayed = await connectCore(link, { dataDir: '/data', host: 'electron' })
    expect(factoryCalls[0]).toMatchObject({ dataDir: '/data', host: 'electron' })
    const [slow, fast] = await Promise.all([
      relayed.dispatch('slow', { n: 1 }, { host: 'electron' }),
      relayed.dispatch('fast', { n: 2, bytes: new Uint8Array([1, 2]) }, { host: 'electron' })
    ])
    expect(slow).toEqual(ok({ method: 'slow', input: { n: 1 } }))
    expect(fast).toEqual(ok({ method: 'fast', input: { n: 2, bytes: new Uint8Array([1, 2]) } }))
    expect(seen.map((call) => call[2])).toEqual([{ host: 'electron' }, { host: 'electron' }])
    await relayed.close()
    expect(core.closed).toBe(1)
  })

  it('passes error Results through unchanged', async () => {
    const core = fakeCore(async () => err('NOT_FOUND', 'No badge b1.', { field: 'id' }))
    const { link } = harness(async () => core)
    const relayed = await connectCore(link, { dataDir: '/d', host: 'web' })
    expect(await relayed.dispatch('badges:get', { id: 'b1' }, { host: 'web' })).toEqual(
      err('NOT_FOUND', 'No badge b1.', { field: 'id' })
    )
    await relayed.close()
  })

  it('answers an answer that cannot be cloned with an INTERNAL error value, not silence', async () => {
    const core = fakeCore(async () => ok({ callback: () => 1 }))
    const { link } = harness(async () => core)
    const relayed = await connectCore(link, { dataDir: '/d', host: 'web' })
    const result = await relayed.dispatch('x', {}, { host: 'web' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await relayed.close()
  })

  it('forwards bus events in order and drops malformed ones', async () => {
    const bus = new EventBus()
    const core = fakeCore(async () => ok(null), bus)
    const { link } = harness(async () => core)
    const relayed = await connectCore(link, { dataDir: '/d', host: 'web' })
    const heard: unknown[] = []
    relayed.bus.subscribe((event) => heard.push(event))
    bus.emit('job:progress', { jobId: 'j1', kind: 'awards:batch', done: 1, total: 3 })
    // A payload that does not match its event's schema never reaches the host's listeners.
    bus.emit('data:changed', { domain: 'nonsense' } as never)
    bus.emit('station:lock-changed', { locked: false })
    // Every domain of the contract passes (the Outbox refreshes on 'outbox').
    for (const domain of DATA_DOMAINS) bus.emit('data:changed', { domain })
    // The answer to a later call comes after the events (one ordered port).
    await relayed.dispatch('ping', {}, { host: 'web' })
    expect(heard).toEqual([
      { name: 'job:progress', payload: { jobId: 'j1', kind: 'awards:batch', done: 1, total: 3 } },
      { name: 'station:lock-changed', payload: { locked: false } },
      ...DATA_DOMAINS.map((domain) => ({ name: 'data:changed', payload: { domain } }))
    ])
    await relayed.close()
  })

  it('reports a station that cannot open as the core’s error, and ends the process', async () => {
    const { link, served } = harness(async () => {
      throw new KilnFailure('STATION_IN_USE', 'Another Kiln (pid 42) is using this station.')
    })
    const failure = await connectCore(link, { dataDir: '/d', host: 'web' }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(KilnFailure)
    expect(failure).toMatchObject({ code: 'STATION_IN_USE', message: /pid 42/ })
    expect(link.killed).toBe(1)
    await served
  })

  it('turns a crash into CORE_STOPPED values for waiting and later calls', async () => {
    let release: (value: Result<unknown>) => void = () => undefined
    const core = fakeCore(() => new Promise((resolve) => (release = resolve)))
    const { link } = harness(async () => core)
    const relayed = await connectCore(link, { dataDir: '/d', host: 'web' })
    const waiting = relayed.dispatch('awards:issue', {}, { host: 'web' })
    await delay(10)
    link.exit({ code: 134 })
    expect(await waiting).toMatchObject({
      ok: false,
      error: { code: 'CORE_STOPPED', message: /exit code 134/ }
    })
    expect(await relayed.dispatch('station:status', {}, { host: 'web' })).toMatchObject({
      ok: false,
      error: { code: 'CORE_STOPPED' }
    })
    expect(await relayed.ended).toEqual({ code: 134 })
    release(ok(null))
  })

  it('reports a core that dies while opening as CORE_STOPPED', async () => {
    const { link } = harness(() => new Promise(() => undefined))
    const started = connectCore(link, { dataDir: '/d', host: 'web' })
    await delay(10)
    link.exit({ code: 1 })
    await expect(started).rejects.toMatchObject({ code: 'CORE_STOPPED' })
  })

  it('proxies host services to the host and their answers back', async () => {
    const revealed: string[] = []
    const services: HostServices = {
      revealPath: async (file) => {
        revealed.push(file)
        return ok({ shown: file })
      },
      pickFolder: async ({ title }) => ok({ path: `/picked/${title}` }),
      openUrl: async () => err('NEEDS_DESKTOP_APP', 'Opening a web page needs the desktop app.')
    }
    const { link, factoryCalls } = servicesHarness(async (core, method, input) => {
      if (method === 'reveal') return core.revealPath(String(input))
      if (method === 'pick') return core.pickFolder({ title: 'Backups' })
      if (method === 'open') return core.openUrl('https://example.org/')
      return ok('no such call')
    })
    const relayed = await connectCore(link, { dataDir: '/d', host: 'electron', services })
    expect(Object.keys(factoryCalls[0]?.services ?? {}).sort()).toEqual([
      'openUrl',
      'pickFolder',
      'revealPath'
    ])
    expect(await relayed.dispatch('reveal', '/data/export.zip', { host: 'electron' })).toEqual(
      ok({ shown: '/data/export.zip' })
    )
    expect(revealed).toEqual(['/data/export.zip'])
    expect(await relayed.dispatch('pick', {}, { host: 'electron' })).toEqual(
      ok({ path: '/picked/Backups' })
    )
    // A failure the host answers reaches the core as that failure.
    expect(await relayed.dispatch('open', {}, { host: 'electron' })).toEqual(
      err('NEEDS_DESKTOP_APP', 'Opening a web page needs the desktop app.')
    )
    await relayed.close()
  })

  it('a host without services: the core gets NEEDS_DESKTOP_APP answers without asking', async () => {
    const { link } = servicesHarness(async (core) => core.pickFolder({ title: 'Backups' }))
    const relayed = await connectCore(link, { dataDir: '/d', host: 'web' })
    expect(await relayed.dispatch('x', {}, { host: 'web' })).toMatchObject({
      ok: false,
      error: { code: 'NEEDS_DESKTOP_APP', details: { field: 'folder' } }
    })
    await relayed.close()
  })

  it('makes a throwing host service a failure inside the core, not a hang', async () => {
    const { link } = servicesHarness(async (core) => core.revealPath('/data/gone.zip'))
    const relayed = await connectCore(link, {
      dataDir: '/d',
      host: 'electron',
      services: {
        ...noHostServices,
        revealPath: async () => {
          throw new Error('no file manager')
        }
      }
    })
    expect(await relayed.dispatch('x', {}, { host: 'electron' })).toEqual(
      err('INTERNAL', 'no file manager')
    )
    await relayed.close()
  })

  it('refuses a malformed answer from the host instead of passing it into the core', async () => {
    const { link } = servicesHarness(async (core) => core.pickFolder({ title: 'Backups' }))
    const relayed = await connectCore(link, {
      dataDir: '/d',
      host: 'electron',
      services: {
        ...noHostServices,
        // A host bug: the answer is not { path }.
        pickFolder: async () => ok({ folder: 42 } as never)
      }
    })
    expect(await relayed.dispatch('x', {}, { host: 'electron' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' }
    })
    await relayed.close()
  })

  it('closes once: the station closes, the process ends, later calls get CORE_STOPPED', async () => {
    const core = fakeCore(async () => ok(1))
    const { link, served } = harness(async () => core)
    const relayed = await connectCore(link, { dataDir: '/d', host: 'web' })
    await Promise.all([relayed.close(), relayed.close()])
    await served
    expect(core.closed).toBe(1)
    expect(link.killed).toBe(1)
    expect(await relayed.dispatch('x', {}, { host: 'web' })).toMatchObject({
      ok: false,
      error: { code: 'CORE_STOPPED', message: 'The station is closed.' }
    })
  })
})
