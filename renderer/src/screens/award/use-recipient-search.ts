import { useCallback, useEffect, useState } from 'react'
import type { Recipient } from '../../../../shared/types.js'
import { useKiln } from '../../api/kiln-context.js'

export type RecipientSearch = Readonly<{
  results: readonly Recipient[]
  /** The query the results belong to (so "nobody found" is not shown for a stale answer). */
  settledQuery: string
  /** The people for exactly `text`: the settled answer if it is for it, else asked at once. */
  resultsFor: (text: string) => Promise<readonly Recipient[]>
}>

type Settled = Readonly<{ results: readonly Recipient[]; settledQuery: string }>

/** Recipients matching `query` (name, e-mail or member id), asked of the core after a short pause. */
export function useRecipientSearch(query: string, limit = 12): RecipientSearch {
  const kiln = useKiln()
  const [state, setState] = useState<Settled>({ results: [], settledQuery: '' })

  const ask = useCallback(
    async (text: string): Promise<readonly Recipient[]> => {
      const result = await kiln.recipientsList({ query: text, limit })
      return result.ok ? result.value.recipients : []
    },
    [kiln, limit]
  )

  useEffect(() => {
    const trimmed = query.trim()
    if (trimmed === '') return
    let active = true
    const timer = setTimeout(() => {
      void ask(trimmed).then((results) => {
        if (active) setState({ results, settledQuery: trimmed })
      })
    }, 120)
    return () => {
      active = false
      clearTimeout(timer)
    }
  }, [ask, query])

  const resultsFor = useCallback(
    async (text: string) => {
      const trimmed = text.trim()
      if (state.settledQuery === trimmed) return state.results
      const results = await ask(trimmed)
      setState({ results, settledQuery: trimmed })
      return results
    },
    [ask, state]
  )

  const settled = query.trim() === '' ? { results: [], settledQuery: '' } : state
  return { ...settled, resultsFor }
}
