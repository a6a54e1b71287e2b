/**
 * Host services proxied over the relay. Some services only the host process can give
 * (Electron's dialog and shell live in the main process); when the core runs in a
 * utility process or worker it asks for them over the port and awaits the answer.
 *
 * Assumption until the core's `HostServices` interface lands (today `createCore` takes only
 * `reveal`): the services are `reveal(file)`, `pickFolder({ title })` and `openUrl(url)`,
 * each async; the log sink is a one-way `log` message (core-server.ts). Adapting to the real
 * interface means changing the types below and `coreOptions` in core-server.ts, nothing else.
 */
import { z } from 'zod'
import { err, ok, type Result } from '../../shared/result.js'
import type { ServiceName } from './messages.js'

export type RelayHostServices = Readonly<{
  /** Show a file in the system's file manager. */
  reveal?: (file: string) => Promise<void>
  /** A native folder picker; null when cancelled. */
  pickFolder?: (options: Readonly<{ title?: string }>) => Promise<string | null>
  /** Open an https:// address in the person's browser. */
  openUrl?: (url: string) => Promise<void>
}>

export function serviceNames(services: RelayHostServices): ServiceName[] {
  const names: ServiceName[] = []
  if (services.reveal) names.push('reveal')
  if (services.pickFolder) names.push('pickFolder')
  if (services.openUrl) names.push('openUrl')
  return names
}

const argsSchemas = {
  reveal: z.tuple([z.string().min(1).max(4096)]),
  pickFolder: z.tuple([z.strictObject({ title: z.string().max(200).optional() })]),
  openUrl: z.tuple([z.url({ protocol: /^https$/ }).max(2048)])
} as const

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Host side: run one service the core asked for; the arguments are `unknown` until checked. */
export async function answerService(
  services: RelayHostServices,
  name: ServiceName,
  args: unknown
): Promise<Result<unknown>> {
  try {
    switch (name) {
      case 'reveal': {
        const parsed = argsSchemas.reveal.safeParse(args)
        if (!parsed.success || !services.reveal) break
        await services.reveal(parsed.data[0])
        return ok(null)
      }
      case 'pickFolder': {
        const parsed = argsSchemas.pickFolder.safeParse(args)
        if (!parsed.success || !services.pickFolder) break
        return ok(await services.pickFolder(parsed.data[0]))
      }
      case 'openUrl': {
        const parsed = argsSchemas.openUrl.safeParse(args)
        if (!parsed.success || !services.openUrl) break
        await services.openUrl(parsed.data[0])
        return ok(null)
      }
    }
  } catch (error) {
    return err('INTERNAL', describe(error))
  }
  return err('UNKNOWN_METHOD', `This host does not offer ${name} with those arguments.`)
}

export type ServiceRequest = (name: ServiceName, args: unknown[]) => Promise<Result<unknown>>

function unwrap(result: Result<unknown>): unknown {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** Core side: the same services as functions that ask the host over the port. */
export function proxyServices(
  available: readonly ServiceName[],
  request: ServiceRequest
): RelayHostServices {
  const has = (name: ServiceName): boolean => available.includes(name)
  return {
    ...(has('reveal')
      ? {
          reveal: async (file: string) => {
            unwrap(await request('reveal', [file]))
          }
        }
      : {}),
    ...(has('pickFolder')
      ? {
          pickFolder: async (options: Readonly<{ title?: string }>) => {
            const value = unwrap(await request('pickFolder', [options]))
            return typeof value === 'string' ? value : null
          }
        }
      : {}),
    ...(has('openUrl')
      ? {
          openUrl: async (url: string) => {
            unwrap(await request('openUrl', [url]))
          }
        }
      : {})
  }
}
