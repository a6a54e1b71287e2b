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

/**
 * Once the screen is painted, brings the heading `part` names into view and focuses it (made
 * focusable for this), so keyboard and screen-reader users land where the link said.
 */
export function useScrollToPart(section: SectionId, ready: boolean): void {
  const arrived = useArrival()
  const part = arrived?.section === section ? arrived.part : undefined
  useEffect(() => {
    if (!part || !ready) return
    const target = document.getElementById(part)
    if (!target) return
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    target.scrollIntoView({ block: 'start' })
    target.focus({ preventScroll: true })
  }, [part, ready])
}
