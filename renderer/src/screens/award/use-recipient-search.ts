import { useEffect, useState } from 'react'
import type { Recipient } from '../../../../shared/types.js'
import { useKiln } from '../../api/kiln-context.js'

export type RecipientSearch = Readonly<{
  results: readonly Recipient[]
  /** The query the results belong to (so "nobody found" is not shown for a stale answer). */
  settledQuery: string
}>

/** Recipients matching `query` (name, e-mail or member id), asked of the core after a short pause. */
export function useRecipientSearch(query: string, limit = 12): RecipientSearch {
  const kiln = useKiln()
  const [state, setState] = useState<RecipientSearch>({ results: [], settledQuery: '' })

  useEffect(() => {
    const trimmed = query.trim()
    if (trimmed === '') return
    let active = true
    const timer = setTimeout(() => {
      void kiln.recipientsList({ query: trimmed, limit }).then((result) => {
        if (!active) return
        setState({ results: result.ok ? result.value.recipients : [], settledQuery: trimmed })
      })
    }, 120)
    return () => {
      active = false
      clearTimeout(timer)
    }
  }, [kiln, query, limit])

  return query.trim() === '' ? { results: [], settledQuery: '' } : state
}
