/**
 * The KilnApi over the loopback web host: `POST /api/call/<method>` with the bearer token
 * (every response body, 401/403 included, is a Result) and Server-Sent Events from
 * `/api/events`. Transport failures become Result values too, never thrown errors.
 */
import { buildApi, type KilnApi } from '../../../shared/api.js'
import type { MethodName } from '../../../shared/contract.js'
import { EVENT_NAMES, type EventName } from '../../../shared/events.js'
import { err, isErrorCode, type Result } from '../../../shared/result.js'

type Listener = (payload: unknown) => void

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  if (value.ok === true) return 'value' in value
  if (value.ok !== false || !('error' in value)) return false
  const error = value.error
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    isErrorCode(error.code) &&
    'message' in error &&
    typeof error.message === 'string'
  )
}

/** The session token, or the exchange of a one-time code that will give it. */
export type SessionToken = string | null | Promise<string | null>

export function createWebCall(
  session: SessionToken,
  fetchImpl: typeof fetch = fetch
): (method: MethodName, input: unknown) => Promise<Result<unknown>> {
  return async (method, input) => {
    const token = await session
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (token) headers.Authorization = `Bearer ${token}`
    let response: Response
    try {
      response = await fetchImpl(`/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
        credentials: 'omit'
      })
    } catch {
      return err('INTERNAL', 'The Kiln station did not answer. Is `kiln serve` still running?')
    }
    let body: unknown
    try {
      body = await response.json()
    } catch {
      body = undefined
    }
    if (isResult(body)) return body
    if (response.status === 401) return err('UNAUTHORIZED', '')
    if (response.status === 403) return err('FORBIDDEN', '')
    return err('INTERNAL', `The station sent an unexpected answer (HTTP ${response.status}).`)
  }
}

export function createWebEvents(
  session: SessionToken
): (event: EventName, listener: Listener) => () => void {
  const listeners = new Map<EventName, Set<Listener>>()
  let source: EventSource | null = null
  let opening = false

  function open(): void {
    if (opening || typeof EventSource === 'undefined') return
    opening = true
    void Promise.resolve(session).then(connect)
  }

  function connect(token: string | null): void {
    if (source) return
    const query = token ? `?token=${encodeURIComponent(token)}` : ''
    source = new EventSource(`/api/events${query}`)
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message: MessageEvent<string>) => {
        let payload: unknown
        try {
          payload = JSON.parse(message.data)
        } catch {
          return
        }
        for (const listener of listeners.get(name) ?? []) listener(payload)
      })
    }
  }

  return (event, listener) => {
    const set = listeners.get(event) ?? new Set<Listener>()
    set.add(listener)
    listeners.set(event, set)
    open()
    return () => {
      set.delete(listener)
    }
  }
}

export function createWebClient(session: SessionToken): KilnApi {
  return buildApi(createWebCall(session), createWebEvents(session))
}
