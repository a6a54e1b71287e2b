import { useCallback, useEffect, useRef, useState } from 'react'
import type { KilnError } from '../../../../shared/result.js'
import type { Award, AwardStatus } from '../../../../shared/types.js'
import { useKiln } from '../../api/kiln-context.js'

export const PAGE_SIZE = 200

export type AwardFilter = Readonly<{ query: string; status: AwardStatus | ''; badgeId: string }>

export type AwardPages = Readonly<{
  total: number | null
  error: KilnError | null
  /** The award at a list index, once its page is loaded. */
  at: (index: number) => Award | undefined
  /** Ask for the pages covering these indexes (loads only what is missing). */
  ensure: (first: number, last: number) => void
}>

/** Awards matching a filter, loaded page by page as the virtual list scrolls. */
export function useAwardPages(filter: AwardFilter): AwardPages {
  const [pages, setPages] = useState<ReadonlyMap<number, readonly Award[]>>(new Map())
  const [total, setTotal] = useState<number | null>(null)
  const [error, setError] = useState<KilnError | null>(null)
  const [generation, setGeneration] = useState(0)
  const kiln = useKiln()
  const requested = useRef(new Set<number>())
  const generationRef = useRef(0)
  const { query, status, badgeId } = filter

  const load = useCallback(
    (page: number, gen: number, fresh = false) => {
      requested.current.add(page)
      void kiln
        .awardsList({
          ...(query.trim() ? { query: query.trim() } : {}),
          ...(status ? { status } : {}),
          ...(badgeId ? { badgeId } : {}),
          limit: PAGE_SIZE,
          offset: page * PAGE_SIZE
        })
        .then((result) => {
          if (gen !== generationRef.current) return
          if (!result.ok) {
            setError(result.error)
            return
          }
          setError(null)
          setTotal(result.value.total)
          const awards = result.value.awards
          setPages((old) => (fresh ? new Map([[page, awards]]) : new Map(old).set(page, awards)))
        })
    },
    [kiln, query, status, badgeId]
  )

  useEffect(() => {
    const gen = generationRef.current + 1
    generationRef.current = gen
    requested.current = new Set()
    const timer = setTimeout(() => load(0, gen, true), 150)
    return () => clearTimeout(timer)
  }, [load, generation])

  useEffect(
    () =>
      kiln.on('data:changed', (change) => {
        if (change.domain === 'awards') setGeneration((g) => g + 1)
      }),
    [kiln]
  )

  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!requested.current.has(page)) load(page, generationRef.current)
      }
    },
    [load]
  )

  const at = useCallback(
    (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages]
  )

  return { total, error, at, ensure }
}
