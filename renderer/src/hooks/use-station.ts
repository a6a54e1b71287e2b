/** Loads the station's status and keeps it fresh when the core says it changed. */
import { useCallback, useEffect, useState } from 'react'
import type { KilnError, Result } from '../../../shared/result.js'
import type { StationStatus } from '../../../shared/types.js'
import { useKiln } from '../api/kiln-context.js'

export type StationState =
  | Readonly<{ phase: 'loading' }>
  | Readonly<{ phase: 'failed'; error: KilnError }>
  | Readonly<{ phase: 'ready'; status: StationStatus }>

export type UseStation = Readonly<{
  state: StationState
  refresh: () => void
  /** Adopt a status returned by init/unlock/lock without another round trip. */
  adopt: (status: StationStatus) => void
}>

function toState(result: Result<StationStatus>): StationState {
  return result.ok
    ? { phase: 'ready', status: result.value }
    : { phase: 'failed', error: result.error }
}

export function useStation(): UseStation {
  const kiln = useKiln()
  const [state, setState] = useState<StationState>({ phase: 'loading' })

  const refresh = useCallback(() => {
    void kiln.stationStatus({}).then((result) => setState(toState(result)))
  }, [kiln])

  const adopt = useCallback((status: StationStatus) => setState({ phase: 'ready', status }), [])

  useEffect(() => {
    refresh()
    const offLock = kiln.on('station:lock-changed', refresh)
    const offData = kiln.on('data:changed', (change) => {
      if (change.domain === 'station') refresh()
    })
    return () => {
      offLock()
      offData()
    }
  }, [kiln, refresh])

  return { state, refresh, adopt }
}
