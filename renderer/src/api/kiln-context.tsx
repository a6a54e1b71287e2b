/**
 * The KilnApi reaches components through React context, never through a module import: the app
 * provides the real client (Electron preload or the web host's client) once in main.tsx, and a
 * test provides a plain object that implements the same contract.
 */
import { createContext, useContext, type ReactElement, type ReactNode } from 'react'
import type { KilnApi } from '../../../shared/api.js'

const KilnContext = createContext<KilnApi | null>(null)

type KilnProviderProps = Readonly<{ client: KilnApi; children: ReactNode }>

export function KilnProvider({ client, children }: KilnProviderProps): ReactElement {
  return <KilnContext.Provider value={client}>{children}</KilnContext.Provider>
}

/** The station's client. Every component under <KilnProvider> may call it. */
export function useKiln(): KilnApi {
  const client = useContext(KilnContext)
  if (!client) throw new Error('useKiln() needs a <KilnProvider> above it')
  return client
}
