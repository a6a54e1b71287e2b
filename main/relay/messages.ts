/**
 * The relay's wire format between a host (Electron main, the `kiln serve` main thread) and
 * the core running in a utility process or worker thread. Every message that arrives is
 * `unknown` until these schemas pass it; contract inputs and results stay `unknown` inside
 * (the dispatcher validates inputs, the hosts pass results on), but a result must at least
 * be a well-formed Result.
 */
import { z } from 'zod'
import { DATA_DOMAINS, EVENT_NAMES, type EventMap, type EventName } from '../../shared/events.js'
import { ERROR_CODES, type KilnError, type Result } from '../../shared/result.js'

export const HOST_KINDS = ['electron', 'web'] as const
export type RelayHostKind = (typeof HOST_KINDS)[number]

export const SERVICE_NAMES = ['reveal', 'pickFolder', 'openUrl'] as const
export type ServiceName = (typeof SERVICE_NAMES)[number]

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const

const id = z.number().int().nonnegative()

export const kilnErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional()
})

export const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: kilnErrorSchema })
])

/** Host → core. */
export const toCoreSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('start'),
    dataDir: z.string().min(1),
    host: z.enum(HOST_KINDS),
    /** The host services this host answers (the core proxies exactly these). */
    services: z.array(z.enum(SERVICE_NAMES))
  }),
  z.object({ t: z.literal('call'), id, method: z.unknown(), input: z.unknown() }),
  z.object({ t: z.literal('service-result'), id, result: resultSchema }),
  z.object({ t: z.literal('close') })
])

/** Core → host. */
export const toHostSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('started') }),
  z.object({ t: z.literal('start-failed'), error: kilnErrorSchema }),
  z.object({ t: z.literal('result'), id, result: resultSchema }),
  z.object({
    t: z.literal('event'),
    name: z.string().refine(isEventName, 'unknown event'),
    payload: z.unknown()
  }),
  z.object({ t: z.literal('service'), id, name: z.enum(SERVICE_NAMES), args: z.unknown() }),
  z.object({ t: z.literal('log'), level: z.enum(LOG_LEVELS), line: z.string() }),
  z.object({ t: z.literal('closed') })
])

export type ToCore = z.infer<typeof toCoreSchema>
export type ToHost = z.infer<typeof toHostSchema>

/** zod's inferred Result is structurally a shared Result; this keeps the readonly types. */
export function asResult(value: z.infer<typeof resultSchema>): Result<unknown> {
  return value.ok ? { ok: true, value: value.value } : { ok: false, error: asError(value.error) }
}

export function asError(error: z.infer<typeof kilnErrorSchema>): KilnError {
  return error.details === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, details: error.details }
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value)
}

/**
 * One schema per event payload: a new event in shared/events.ts fails the type check here
 * until the relay knows how to check it.
 */
export const eventPayloadSchemas: { [E in EventName]: z.ZodType<EventMap[E]> } = {
  'job:progress': z.object({
    jobId: z.string(),
    done: z.number(),
    total: z.number(),
    phase: z.string().optional()
  }),
  'job:finished': z.object({
    jobId: z.string(),
    ok: z.boolean(),
    error: kilnErrorSchema.transform(asError).optional()
  }),
  'data:changed': z.object({
    domain: z.enum(DATA_DOMAINS)
  }),
  'station:lock-changed': z.object({ locked: z.boolean() })
}
