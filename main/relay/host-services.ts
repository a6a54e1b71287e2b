/**
 * The core's HostServices (main/core/host-services.ts) across the relay. Some services only the
 * host process can give (Electron's dialog and shell live in the main process); when the core
 * runs in a utility process or a worker thread it asks for them over the port and awaits the
 * answer, a Result like every HostServices answer.
 *
 * Host side: `answerService` checks the arguments (they are `unknown` until then) and calls the
 * host's own HostServices. Core side: `proxyServices` builds a HostServices whose functions ask
 * the host, and checks each answer's shape. A service the host does not offer answers as
 * `noHostServices` does (NEEDS_DESKTOP_APP). The log sink is not proxied: log lines go to the host
 * one way, as `log` messages (core-server.ts), and the host writes them to its own log.
 */
import { z } from 'zod'
import { err, type Result } from '../../shared/result.js'
import { noHostServices, type HostServices } from '../core/host-services.js'
import type { ServiceName } from './messages.js'

/** The services a host answers: all of them when it has HostServices, none without. */
export function serviceNames(services: HostServices | undefined): ServiceName[] {
  return services ? ['revealPath', 'pickFolder', 'openUrl'] : []
}

const argsSchemas = {
  revealPath: z.tuple([z.string().min(1).max(4096)]),
  pickFolder: z.tuple([z.strictObject({ title: z.string().max(200) })]),
  openUrl: z.tuple([z.url({ protocol: /^https?$/ }).max(4096)])
} as const

const answerSchemas = {
  revealPath: z.strictObject({ shown: z.string() }),
  pickFolder: z.strictObject({ path: z.string().nullable() }),
  openUrl: z.strictObject({ opened: z.string() })
} as const

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Host side: run one service the core asked for. */
export async function answerService(
  services: HostServices | undefined,
  name: ServiceName,
  args: unknown
): Promise<Result<unknown>> {
  if (!services) return err('NEEDS_DESKTOP_APP', `This host does not offer ${name}.`)
  try {
    switch (name) {
      case 'revealPath': {
        const parsed = argsSchemas.revealPath.safeParse(args)
        if (parsed.success) return await services.revealPath(parsed.data[0])
        break
      }
      case 'pickFolder': {
        const parsed = argsSchemas.pickFolder.safeParse(args)
        if (parsed.success) return await services.pickFolder(parsed.data[0])
        break
      }
      case 'openUrl': {
        const parsed = argsSchemas.openUrl.safeParse(args)
        if (parsed.success) return await services.openUrl(parsed.data[0])
        break
      }
    }
  } catch (error) {
    return err('INTERNAL', describe(error))
  }
  return err('INVALID_INPUT', `The ${name} request from the station was not well-formed.`)
}

export type ServiceRequest = (name: ServiceName, args: unknown[]) => Promise<Result<unknown>>

/** An answer from the host: a failure as it came, a value only when it has the service's shape. */
function checked<T>(name: ServiceName, schema: z.ZodType<T>, answer: Result<unknown>): Result<T> {
  if (!answer.ok) return answer
  const parsed = schema.safeParse(answer.value)
  return parsed.success
    ? { ok: true, value: parsed.data }
    : err('INTERNAL', `The host answered the ${name} request with something unexpected.`)
}

/** Core side: the same services as functions that ask the host over the port. */
export function proxyServices(
  available: readonly ServiceName[],
  request: ServiceRequest
): HostServices {
  const has = (name: ServiceName): boolean => available.includes(name)
  return {
    revealPath: has('revealPath')
      ? async (file) =>
          checked('revealPath', answerSchemas.revealPath, await request('revealPath', [file]))
      : noHostServices.revealPath,
    pickFolder: has('pickFolder')
      ? async (options) =>
          checked('pickFolder', answerSchemas.pickFolder, await request('pickFolder', [options]))
      : noHostServices.pickFolder,
    openUrl: has('openUrl')
      ? async (url) => checked('openUrl', answerSchemas.openUrl, await request('openUrl', [url]))
      : noHostServices.openUrl
  }
}
