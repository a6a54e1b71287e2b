/**
 * The core side of the relay, run in the process or thread that holds the station (Electron's
 * utility process, the `kiln serve` worker): waits for `start`, opens the core with the host's
 * services proxied over the port, answers every `call` with a Result under its id, forwards
 * every bus event and log line, and on `close` closes the station and says `closed`.
 * Anything that cannot be structured-cloned is answered as an INTERNAL error value, so the
 * host never waits for an answer that cannot come.
 */
import type { Core } from '../core/create-core.js'
import { createCore } from '../core/create-core.js'
import { KilnFailure } from '../core/failure.js'
import { logger } from '../core/logger.js'
import { err, type KilnError, type Result } from '../../shared/result.js'
import type { HostServices } from '../core/host-services.js'
import { proxyServices } from './host-services.js'
import {
  asResult,
  toCoreSchema,
  type RelayHostKind,
  type ServiceName,
  type ToHost
} from './messages.js'
import type { RelayPort } from './port.js'

export type RelayedCoreParts = Pick<Core, 'dispatch' | 'bus' | 'close'>

export type CoreFactory = (
  options: Readonly<{ dataDir: string; host: RelayHostKind; services: HostServices }>
) => Promise<RelayedCoreParts>

/**
 * The one place that maps the relayed host services onto createCore: the core gets the host's
 * HostServices, proxied (host-services.ts). Its log lines already go to the host (forwardLogs),
 * so the proxy carries no log sink.
 */
export const openCore: CoreFactory = ({ dataDir, host, services }) =>
  createCore({ dataDir, host, hostServices: services })

function startError(error: unknown): KilnError {
  if (error instanceof KilnFailure) return error.toError()
  logger.error('the station could not be opened', error)
  return { code: 'INTERNAL', message: 'The station could not be opened; see the station log.' }
}

export type ServeOptions = Readonly<{
  factory?: CoreFactory
  /**
   * Send this thread's log lines to the host (default true). Only a core that shares its
   * logger with the host (an in-process test) turns it off.
   */
  forwardLogs?: boolean
}>

/** Serve one core over `port`. Resolves once the core is closed (or could not start). */
export function serveCore(port: RelayPort, options: ServeOptions = {}): Promise<void> {
  const factory = options.factory ?? openCore
  let core: RelayedCoreParts | undefined
  let host: RelayHostKind = 'web'
  let starting = false
  let closing: Promise<void> | undefined
  let nextServiceId = 1
  const pendingServices = new Map<number, (result: Result<unknown>) => void>()
  let finish: () => void = () => undefined
  const finished = new Promise<void>((resolve) => (finish = resolve))

  function send(message: ToHost): boolean {
    try {
      port.post(message)
      return true
    } catch (error) {
      logger.error(`relay: a ${message.t} message could not be sent`, error)
      return false
    }
  }

  // Log lines go to the host, which owns the console and the log file.
  if (options.forwardLogs !== false) {
    logger.setSink(() => undefined)
    logger.addSink((line, level) => {
      try {
        port.post({ t: 'log', level, line } satisfies ToHost)
      } catch {
        // Never log a failure to log: that would loop.
      }
    }, 'debug')
  }

  function requestService(name: ServiceName, args: unknown[]): Promise<Result<unknown>> {
    const id = nextServiceId++
    return new Promise((resolve) => {
      pendingServices.set(id, resolve)
      if (!send({ t: 'service', id, name, args })) {
        pendingServices.delete(id)
        resolve(err('INTERNAL', `The ${name} request could not be sent to the host.`))
      }
    })
  }

  async function start(dataDir: string, kind: RelayHostKind, names: ServiceName[]): Promise<void> {
    host = kind
    try {
      core = await factory({ dataDir, host: kind, services: proxyServices(names, requestService) })
    } catch (error) {
      send({ t: 'start-failed', error: startError(error) })
      port.close()
      finish()
      return
    }
    core.bus.subscribe((event) => {
      if (!send({ t: 'event', name: event.name, payload: event.payload })) {
        logger.warn(`relay: the ${event.name} event was not forwarded`)
      }
    })
    send({ t: 'started' })
  }

  async function answer(id: number, method: unknown, input: unknown): Promise<void> {
    let result: Result<unknown>
    if (!core || closing) {
      result = err('CORE_STOPPED', 'The station is closing.')
    } else {
      try {
        result = await core.dispatch(method, input, { host })
      } catch (error) {
        logger.error('relay: dispatch threw', error)
        result = err('INTERNAL', 'An unexpected error happened; see the station log for details.')
      }
    }
    if (!send({ t: 'result', id, result })) {
      send({
        t: 'result',
        id,
        result: err('INTERNAL', 'The station’s answer could not be passed to the window.')
      })
    }
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      try {
        await core?.close()
      } catch (error) {
        logger.error('the station did not close cleanly', error)
      }
      for (const resolve of pendingServices.values()) {
        resolve(err('CORE_STOPPED', 'The station is closing.'))
      }
      pendingServices.clear()
      send({ t: 'closed' })
      port.close()
      finish()
    })()
    return closing
  }

  port.listen((raw) => {
    const parsed = toCoreSchema.safeParse(raw)
    if (!parsed.success) {
      logger.warn('relay: ignored a malformed message from the host')
      return
    }
    const message = parsed.data
    switch (message.t) {
      case 'start':
        if (starting) return
        starting = true
        void start(message.dataDir, message.host, message.services)
        return
      case 'call':
        void answer(message.id, message.method, message.input)
        return
      case 'service-result': {
        const resolve = pendingServices.get(message.id)
        pendingServices.delete(message.id)
        resolve?.(asResult(message.result))
        return
      }
      case 'close':
        void close()
        return
    }
  })
  return finished
}
