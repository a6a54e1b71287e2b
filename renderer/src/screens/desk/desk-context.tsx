/**
 * Desk mode in the renderer: the operators the passphrase holder listed, and the one chosen at
 * this desk (kept for the session, like "Awarded by" outside desk mode). The shell provides it
 * while desk mode is on; screens hide what the desk may not do (the core refuses it anyway).
 */
import { createContext, useContext, useMemo, type ReactElement, type ReactNode } from 'react'
import type { DeskState } from '../../../../shared/types.js'
import { useSessionValue } from '../../components/use-session-value.js'

export type DeskSession = Readonly<{
  operators: readonly string[]
  /** The operator chosen at this desk; null until someone picks a name from the list. */
  operator: string | null
  setOperator: (name: string) => void
}>

const DeskContext = createContext<DeskSession | null>(null)

/** The same session value "Awarded by" keeps outside desk mode. */
export const OPERATOR_KEY = 'kiln.operator'

export function DeskProvider({
  desk,
  children
}: Readonly<{ desk: DeskState; children: ReactNode }>): ReactElement {
  const [stored, setStored] = useSessionValue(OPERATOR_KEY)
  const value = useMemo<DeskSession>(
    () => ({
      operators: desk.operators,
      operator: desk.operators.includes(stored) ? stored : null,
      setOperator: setStored
    }),
    [desk.operators, stored, setStored]
  )
  return <DeskContext.Provider value={value}>{children}</DeskContext.Provider>
}

/** Desk mode's session, or null outside desk mode. */
export function useDesk(): DeskSession | null {
  return useContext(DeskContext)
}
