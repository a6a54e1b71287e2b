/**
 * The one dispatcher every host goes through: it checks the method name, validates the input
 * against the contract's schema, runs the handler — methods that change the station one after
 * another through its mutation queue (method-kinds.ts), reads at once — and turns anything
 * unexpected into an error value: a full disk is DISK_FULL, anything else INTERNAL (logged here,
 * never leaked as a stack).
 */
import type { z } from 'zod'
import {
  isMethodName,
  methodSchemas,
  type MethodName,
  type MethodParsedInput,
  type MethodResults
} from '../../shared/contract.js'
import { err, type Result } from '../../shared/result.js'
import { logger } from './logger.js'
import { KilnFailure } from './failure.js'
import { methodKind } from './method-kinds.js'
import { isDiskFull } from './storage/disk-full.js'

/** Runs changes one at a time (the station's MutationQueue). */
export type Serialiser = Readonly<{
  run<T>(fn: () => Promise<T>, options?: Readonly<{ evenWhenRefused?: boolean }>): Promise<T>
}>

export type CallContext = Readonly<{ host: 'electron' | 'web' | 'cli' }>

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: CallContext
) => Promise<Result<MethodResults[M]>>

export type Handlers = { [M in MethodName]: Handler<M> }

export type Dispatch = (
  method: unknown,
  input: unknown,
  ctx: CallContext
) => Promise<Result<unknown>>

export function formatIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message
  }))
}

/**
 * Refuses calls the station does not take now (desk mode: desk/desk-guard.ts) by throwing a
 * KilnFailure: `method` before the input is read (a closed method, whatever its input), `call`
 * where the call runs — inside the queue for changes, so a change waiting there is checked
 * against the state its turn finds.
 */
export type CallGuard = Readonly<{
  method(method: MethodName): void
  call(method: MethodName, input: unknown): void
}>

const NO_GUARD: CallGuard = { method: () => undefined, call: () => undefined }

export function createDispatcher(
  handlers: Handlers,
  queue: Serialiser,
  guard: CallGuard = NO_GUARD
): Dispatch {
  return async function dispatch(method, input, ctx) {
    if (!isMethodName(method)) {
      return err('UNKNOWN_METHOD', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}.`)
    }
    try {
      guard.method(method)
    } catch (error) {
      if (error instanceof KilnFailure) return err(error.code, error.message, error.details)
      throw error
    }
    const parsed = methodSchemas[method].safeParse(input ?? {})
    if (!parsed.success) {
      const issues = formatIssues(parsed.error)
      const first = issues[0]
      const message = first
        ? `${first.path || 'input'}: ${first.message}`
        : 'The input does not match what this action expects.'
      return err('INVALID_INPUT', message, { field: first?.path, issues })
    }
    const handler = handlers[method] as Handler<MethodName>
    const run = () => {
      guard.call(method, parsed.data)
      return handler(parsed.data as MethodParsedInput<MethodName>, ctx)
    }
    try {
      const kind = methodKind(method)
      // 'connects' methods take the queue themselves, for their change only.
      return await (kind === 'reads' || kind === 'connects'
        ? run()
        : queue.run(run, { evenWhenRefused: kind === 'session' }))
    } catch (error) {
      if (error instanceof KilnFailure) return err(error.code, error.message, error.details)
      if (isDiskFull(error)) {
        return err('DISK_FULL', 'The disk is full; this change was not completed.')
      }
      logger.error(`method ${method} failed`, error)
      return err('INTERNAL', 'An unexpected error happened; see the station log for details.')
    }
  }
}
