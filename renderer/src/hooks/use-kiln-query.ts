/**
 * Runs one read-only contract call, and again whenever the core reports that the given
 * data domain changed. Errors stay values: the screen shows `describeError(error)`.
 */
import { useEffect, useState } from 'react'
import type { EventMap } from '../../../shared/events.js'
import type { KilnError, Result } from '../../../shared/result.js'
import { kiln } from '../api/client.js'

type Domain = EventMap['data:changed']['domain']

const RELOAD_DEBOUNCE_MS = 120

export type QueryState<T> =
  | Readonly<{ phase: 'loading' }>
  | Readonly<{ phase: 'failed'; error: KilnError }>
  | Readonly<{ phase: 'ready'; value: T }>

/** `load` must be stable (a module-level function or a memoised callback). */
export function useKilnQuery<T>(load: () => Promise<Result<T>>, domain: Domain): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ phase: 'loading' })

  useEffect(() => {
    let active = true
    const run = (): void => {
      void load().then((result) => {
        if (!active) return
        setState(
          result.ok
            ? { phase: 'ready', value: result.value }
            : { phase: 'failed', error: result.error }
        )
      })
    }
    run()
    // A burst of changes (an import, a batch) reloads once, shortly after the last one.
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = kiln.on('data:changed', (change) => {
      if (change.domain !== domain) return
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(run, RELOAD_DEBOUNCE_MS)
    })
    return () => {
      active = false
      if (timer !== undefined) clearTimeout(timer)
      off()
    }
  }, [load, domain])

  return state
}
