/**
 * Moving between sections from inside a screen: "Set up publishing" after a batch opens
 * Settings at its Publish part, an empty list's "Award a badge" opens the desk. The shell
 * provides it; a screen asks for the part it was opened at (and scrolls to it, focusing it).
 */
import { createContext, useContext, useEffect, type ReactElement, type ReactNode } from 'react'
import type { SectionId } from './sections.js'

/** A place in the app: a section, and optionally the id of a heading inside it. */
export type Place = Readonly<{ section: SectionId; part?: string; filter?: string }>

type Navigation = Readonly<{
  go: (place: Place) => void
  /** Where the current section was opened (null when opened from the menu). */
  arrived: Place | null
}>

const NavigationContext = createContext<Navigation>({ go: () => undefined, arrived: null })

export function NavigationProvider({
  value,
  children
}: Readonly<{ value: Navigation; children: ReactNode }>): ReactElement {
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>
}

/** Opens another section (and a part of it). */
export function useNavigate(): Navigation['go'] {
  return useContext(NavigationContext).go
}

/** The place this section was opened at, if any. */
export function useArrival(): Place | null {
  return useContext(NavigationContext).arrived
}

/** How long a link's target is kept in view while the screen's parts load above it. */
const SETTLE_MS = 2500

/**
 * Once the screen is painted, brings the heading `part` names into view and focuses it (made
 * focusable for this), so keyboard and screen-reader users land where the link said. Parts of
 * the screen above it that load later would push it down: until they settle (or the person
 * scrolls, types or clicks) it is brought back into view whenever the page changes size.
 */
export function useScrollToPart(section: SectionId, ready: boolean): void {
  const arrived = useArrival()
  const part = arrived?.section === section ? arrived.part : undefined
  useEffect(() => {
    if (!part || !ready) return
    const target = document.getElementById(part)
    if (!target) return
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    const bring = () => target.scrollIntoView({ block: 'start' })
    bring()
    target.focus({ preventScroll: true })
    const observer = new ResizeObserver(bring)
    observer.observe(document.body)
    const stop = () => {
      observer.disconnect()
      for (const type of STOP_EVENTS) window.removeEventListener(type, stop, true)
      window.clearTimeout(timer)
    }
    const STOP_EVENTS = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const
    for (const type of STOP_EVENTS) window.addEventListener(type, stop, true)
    const timer = window.setTimeout(stop, SETTLE_MS)
    return stop
  }, [part, ready])
}
