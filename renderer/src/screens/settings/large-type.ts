/**
 * Large-type mode for a kiosk or a desk seen from a step away: one class on <html> raises the
 * root font size, and since the type scale, spacing and controls are all in rem, everything
 * grows together. Kept in localStorage (it belongs to this screen, not to the station).
 */
import { useSyncExternalStore } from 'react'

const KEY = 'kiln.largeType'
const CLASS = 'large-type'
const listeners = new Set<() => void>()

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1'
  } catch {
    return false
  }
}

let current = read()

/** Puts the stored mode on the page (call once at start). */
export function applyLargeType(): void {
  document.documentElement.classList.toggle(CLASS, current)
}

export function setLargeType(on: boolean): void {
  current = on
  try {
    window.localStorage.setItem(KEY, on ? '1' : '0')
  } catch {
    // Storage may be unavailable; the mode still applies until the page reloads.
  }
  applyLargeType()
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useLargeType(): readonly [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, () => current)
  return [on, setLargeType] as const
}
