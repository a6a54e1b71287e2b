import { useCallback, useState } from 'react'

/** Reads a value kept in sessionStorage (null when absent or storage is unavailable). */
export function readSession(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key)
  } catch {
    return null
  }
}

/** Keeps a value in sessionStorage; without storage (private mode) it lives in memory only. */
export function writeSession(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value)
  } catch {
    // Storage may be unavailable; the caller's state still holds the value.
  }
}

/**
 * A string kept in sessionStorage (it dies with the tab, and survives a reload and a change of
 * screen), e.g. the operator's name or the chosen badge at the desk.
 */
export function useSessionValue(key: string): readonly [string, (value: string) => void] {
  const [value, setValue] = useState(() => readSession(key) ?? '')
  const update = useCallback(
    (next: string) => {
      setValue(next)
      writeSession(key, next)
    },
    [key]
  )
  return [value, update] as const
}
