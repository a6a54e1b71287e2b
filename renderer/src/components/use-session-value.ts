import { useCallback, useState } from 'react'

/** A string kept in sessionStorage (it dies with the tab), e.g. the operator's name at the desk. */
export function useSessionValue(key: string): readonly [string, (value: string) => void] {
  const [value, setValue] = useState(() => {
    try {
      return window.sessionStorage.getItem(key) ?? ''
    } catch {
      return ''
    }
  })
  const update = useCallback(
    (next: string) => {
      setValue(next)
      try {
        window.sessionStorage.setItem(key, next)
      } catch {
        // Storage may be unavailable (private mode); the value still lives in memory.
      }
    },
    [key]
  )
  return [value, update] as const
}
