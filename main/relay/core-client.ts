/**
 * The host side of the relay: the same `{ dispatch, bus }` the hosts always used, answered by
 * a core in another process or thread. Calls carry ids and resolve to Result values; bus
 * events are re-emitted on a local EventBus; host services the core asks for are answered
 * here (host-services.ts); the core's log lines join this process's log (console and file).
 * If the core's process or thread ends without being asked to, every waiting call and every
 * later one resolves to a CORE_STOPPED error value: nothing hangs.
 */
import type { Dispatch } from '../core/dispatcher.js'
import { EventBus } from '../core/events.js'
import { KilnFailure } from '../core/failure.js'
import { logger } from '../core/logger.js'
import type { EventName } from '../../shared/events.js'
import { err, type Result } from '../../shared/result.js'
import type { HostServices } from '../core/host-services.js'
import { answerService, serviceNames } from './host-services.js'
import {
  asError,
  asResult,
  eventPayloadSchemas,
  isEventName,
  toHostSchema,
  type RelayHostKind,
  type ToCore
} from './messages.js'
import type { RelayPort } from './port.js'

export type CoreExit = Readonly<{ code: number | null; reason?: string }>

/** The process or thread that holds the core, seen from the host. */
export type CoreLink = Readonly<{
  port: RelayPort
  /** Calls `listener` once when the process or thread has ended, for any reason. */
  onExit(listener: (exit: CoreExit) => void): void
  /** Ends it now (after `closed`, or when it does not answer `close` in time). */
  kill(): void
}>

export type RelayedCore = Readonly<{
  dispatch: Dispatch
  bus: EventBus
  /** Closes the station (rules settle, the lock is released), then ends the process or thread. */
  close(): Promise<void>
  /** Resolves when the core's process or thread has ended. */
  ended: Promise<CoreExit>
}>

export type ConnectOptions = Readonly<{
  dataDir: string
  host: RelayHostKind
  /** What this host does for the core (absent: nothing, every service NEEDS_DESKTOP_APP). */
  services?: HostServices
  /** How long `close` waits for the core to close the station (default 60 s). */
  closeTimeoutMs?: number
}>

function stoppedError(exit: CoreExit): Result<never> {
  const how = exit.reason ?? (exit.code === null ? 'no exit code' : `exit code ${exit.code}`)
  return err('CORE_STOPPED', `The station process stopped unexpectedly (${how}). Restart Kiln.`)
}

function emitOne<E extends EventName>(bus: EventBus, name: E, payload: unknown): void {
  const parsed = eventPayloadSchemas[name].safeParse(payload)
  if (parsed.success) bus.emit(name, parsed.data)
  else logger.warn(`relay: dropped a malformed ${name} event`)
}

/** Starts the core behind `link` and resolves once it has opened the station. */
export function connectCore(link: CoreLink, options: ConnectOptions): Promise<RelayedCore> {
  const services = options.services
  const bus = new EventBus()
  const pending = new Map<number, (result: Result<unknown>) => void>()
  let nextId = 1
  let state: 'starting' | 'running' | 'closing' | 'ended' = 'starting'
  let exitInfo: CoreExit | undefined
  let onClosed: () => void = () => undefined
  let resolveEnded: (exit: CoreExit) => void = () => undefined
  const ended = new Promise<CoreExit>((resolve) => (resolveEnded = resolve))

  function post(message: ToCore): void {
    link.port.post(message)
  }

  function settleAll(result: Result<unknown>): void {
    for (const resolve of pending.values()) resolve(result)
    pending.clear()
  }

  return new Promise<RelayedCore>((resolveStart, rejectStart) => {
    link.port.listen((raw) => {
      const parsed = toHostSchema.safeParse(raw)
      if (!parsed.success) {
        logger.warn('relay: ignored a malformed message from the station process')
        return
      }
      const message = parsed.data
      switch (message.t) {
        case 'started':
          if (state === 'starting') state = 'running'
          resolveStart(relayed)
          return
        case 'start-failed': {
          const error = asError(message.error)
          state = 'ended'
          link.kill()
          rejectStart(new KilnFailure(error.code, error.message, error.details))
          return
        }
        case 'result': {
          const resolve = pending.get(message.id)
          pending.delete(message.id)
          resolve?.(asResult(message.result))
          return
        }
        case 'event':
          if (isEventName(message.name)) emitOne(bus, message.name, message.payload)
          return
        case 'service':
          void answerService(services, message.name, message.args).then((result) => {
            if (state === 'ended') return
            try {
              post({ t: 'service-result', id: message.id, result })
            } catch {
              post({
                t: 'service-result',
                id: message.id,
                result: err('INTERNAL', `The ${message.name} answer could not be sent.`)
              })
            }
          })
          return
        case 'log':
          logger.write(message.level, message.line)
          return
        case 'closed':
          onClosed()
          return
      }
    })

    link.onExit((exit) => {
      const unexpected = state !== 'closing' && state !== 'ended'
      exitInfo = exit
      if (unexpected) {
        logger.error(
          `the station process stopped unexpectedly (${exit.reason ?? `exit code ${exit.code}`})`
        )
      }
      const wasStarting = state === 'starting'
      state = 'ended'
      settleAll(unexpected ? stoppedError(exit) : err('CORE_STOPPED', 'The station is closed.'))
      onClosed()
      resolveEnded(exit)
      if (wasStarting) {
        const failure = stoppedError(exit)
        if (!failure.ok) rejectStart(new KilnFailure('CORE_STOPPED', failure.error.message))
      }
    })

    const dispatch: Dispatch = async (method, input) => {
      if (state !== 'running') {
        return state === 'ended' && exitInfo && exitInfo.code !== 0
          ? stoppedError(exitInfo)
          : err('CORE_STOPPED', 'The station is closed.')
      }
      const id = nextId++
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve)
        try {
          post({ t: 'call', id, method, input })
        } catch {
          pending.delete(id)
          resolve(err('INVALID_INPUT', 'The request could not be passed to the station.'))
        }
      })
    }

    let closing: Promise<void> | undefined
    const close = (): Promise<void> => {
      closing ??= (async () => {
        if (state === 'ended') return
        state = 'closing'
        const closed = new Promise<void>((resolve) => (onClosed = resolve))
        let timer: NodeJS.Timeout | undefined
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            logger.warn('the station process did not close in time; stopping it')
            resolve()
          }, options.closeTimeoutMs ?? 60_000)
        })
        try {
          post({ t: 'close' })
        } catch {
          // The port is gone: the process is ending anyway.
        }
        await Promise.race([closed, timeout])
        clearTimeout(timer)
        settleAll(err('CORE_STOPPED', 'The station is closed.'))
        link.kill()
        link.port.close()
        // kill() always ends it; the bound only keeps a broken link from holding the host.
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5_000).unref())])
      })()
      return closing
    }

    const relayed: RelayedCore = { dispatch, bus, close, ended }

    try {
      post({
        t: 'start',
        dataDir: options.dataDir,
        host: options.host,
        services: serviceNames(services)
      })
    } catch (error) {
      link.kill()
      rejectStart(error)
    }
  })
}
