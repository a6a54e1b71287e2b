/**
 * One action that changes something (award, revoke, save…): while it runs `busy` is true and a
 * second start is ignored (a double click or a repeated Enter signs nothing twice); a failure is
 * kept in `error` for an <ErrorAlert>, unless the caller says it is expected and handles it itself
 * (e.g. CONFLICT "already awarded", which asks a question instead).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { KilnApi } from '../../../shared/api.js'
import type { KilnError, Result } from '../../../shared/result.js'
import { useKiln } from '../api/kiln-context.js'

export type RunOptions = Readonly<{
  /** Errors for which this returns true are not put in `error` (the caller handles them). */
  expected?: (error: KilnError) => boolean
}>

export type Mutation = Readonly<{
  busy: boolean
  error: KilnError | null
  /**
   * Runs `call` with the client. Resolves to its Result, or to undefined when another run of
   * this mutation is still in flight (nothing was sent).
   */
  run: <T>(
    call: (kiln: KilnApi) => Promise<Result<T>>,
    options?: RunOptions
  ) => Promise<Result<T> | undefined>
  /** Show an error found before calling (a local check), or clear it with null. */
  setError: (error: KilnError | null) => void
}>

export function useMutation(): Mutation {
  const kiln = useKiln()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<KilnError | null>(null)
  const inFlight = useRef(false)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    async <T>(
      call: (client: KilnApi) => Promise<Result<T>>,
      options: RunOptions = {}
    ): Promise<Result<T> | undefined> => {
      if (inFlight.current) return undefined
      inFlight.current = true
      setBusy(true)
      setError(null)
      try {
        const result = await call(kiln)
        if (mounted.current && !result.ok && !options.expected?.(result.error)) {
          setError(result.error)
        }
        return result
      } finally {
        inFlight.current = false
        if (mounted.current) setBusy(false)
      }
    },
    [kiln]
  )

  return { busy, error, run, setError }
}
