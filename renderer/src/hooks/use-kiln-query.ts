/**
 * Runs one read-only contract call, and again whenever the core reports that one of the given
 * data domains changed (or `reload()` is called). Errors stay values: the screen shows
 * `describeError(error)`. While a reload runs, the last answer stays on screen.
 */
import { useCallback, useEffect, useState } from 'react'
import type { KilnApi } from '../../../shared/api.js'
import type { EventMap } from '../../../shared/events.js'
import type { KilnError, Result } from '../../../shared/result.js'
import { useKiln } from '../api/kiln-context.js'

export type Domain = EventMap['data:changed']['domain']

const RELOAD_DEBOUNCE_MS = 120

export type QueryState<T> =
  | Readonly<{ phase: 'loading' }>
  | Readonly<{ phase: 'failed'; error: KilnError }>
  | Readonly<{ phase: 'ready'; value: T }>

export type Query<T> = QueryState<T> & Readonly<{ reload: () => void }>

/** The state a query moves to when an answer arrives. */
export function settle<T>(result: Result<T>): QueryState<T> {
  return result.ok
    ? { phase: 'ready', value: result.value }
    : { phase: 'failed', error: result.error }
}

/**
 * `load` must be stable (a module-level function or a memoised callback); it receives the client.
 * `domains` is one domain or several (a stable array or a single string).
 */
export function useKilnQuery<T>(
  load: (kiln: KilnApi) => Promise<Result<T>>,
  domains: Domain | readonly Domain[]
): Query<T> {
  const kiln = useKiln()
  const [state, setState] = useState<QueryState<T>>({ phase: 'loading' })
  const [tick, setTick] = useState(0)
  const reload = useCallback(() => setTick((t) => t + 1), [])
  const key = typeof domains === 'string' ? domains : domains.join(' ')

  useEffect(() => {
    const watched = new Set(key.split(' '))
    let active = true
    const run = (): void => {
      void load(kiln).then((result) => {
        if (active) setState(settle(result))
      })
    }
    run()
    // A burst of changes (an import, a batch) reloads once, shortly after the last one.
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = kiln.on('data:changed', (change) => {
      if (!watched.has(change.domain)) return
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(run, RELOAD_DEBOUNCE_MS)
    })
    return () => {
      active = false
      if (timer !== undefined) clearTimeout(timer)
      off()
    }
  }, [kiln, load, key, tick])

  return { ...state, reload }
}
