/**
 * A plain object implementing the KilnApi contract for component tests: each method answers from
 * a handler the test gives (anything else answers UNKNOWN_METHOD), and events are emitted by hand.
 * It is not a server and stands in for none: it is the client interface, filled in by the test.
 */
import { buildApi, type KilnApi } from '../../../shared/api.js'
import type { MethodName, MethodResults } from '../../../shared/contract.js'
import type { EventMap, EventName } from '../../../shared/events.js'
import { err, type Result } from '../../../shared/result.js'

export type FakeHandlers = {
  [M in MethodName]?: (
    input: unknown
  ) => Promise<Result<MethodResults[M]>> | Result<MethodResults[M]>
}

export type FakeKiln = Readonly<{
  client: KilnApi
  /** Every call made, in order: [method, input]. */
  calls: Array<readonly [MethodName, unknown]>
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void
}>

export function fakeKiln(handlers: FakeHandlers): FakeKiln {
  const calls: Array<readonly [MethodName, unknown]> = []
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const client = buildApi(
    async (method, input) => {
      calls.push([method, input])
      const handler = handlers[method] as ((input: unknown) => unknown) | undefined
      if (!handler) return err('UNKNOWN_METHOD', `The fake client has no ${method}.`)
      return (await handler(input)) as Result<unknown>
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  )
  return {
    client,
    calls,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    }
  }
}
