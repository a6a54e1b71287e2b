/**
 * The renderer's view of the contract: one named async function per method,
 * camelCased (`'badges:create'` → `badgesCreate`), plus `on` for events.
 * Implemented by the Electron preload and by the web-host client.
 */
import type { MethodInput, MethodName, MethodResults } from './contract.js'
import { METHOD_NAME_LIST } from './method-names.js'
import type { EventMap, EventName } from './events.js'
import type { Result } from './result.js'

type Camel<S extends string> = S extends `${infer A}:${infer B}`
  ? `${A}${Capitalize<Camel<B>>}`
  : S extends `${infer A}-${infer B}`
    ? `${A}${Capitalize<Camel<B>>}`
    : S

export type ApiFunctionName<M extends MethodName> = Camel<M>

export type KilnApi = {
  [M in MethodName as Camel<M>]: (input: MethodInput<M>) => Promise<Result<MethodResults[M]>>
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void
}

export function functionNameFor(method: MethodName): string {
  return method.replace(/[:-]([a-z])/g, (_m, c: string) => c.toUpperCase())
}

/** Build a KilnApi from one transport function (used by the preload and the web client). */
export function buildApi(
  call: (method: MethodName, input: unknown) => Promise<Result<unknown>>,
  on: (event: EventName, listener: (payload: unknown) => void) => () => void
): KilnApi {
  const api: Record<string, unknown> = {}
  for (const method of METHOD_NAME_LIST) {
    api[functionNameFor(method)] = (input: unknown) => call(method, input ?? {})
  }
  api.on = on
  return api as KilnApi
}
