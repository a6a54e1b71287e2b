import { lazy, Suspense, useEffect, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import { ErrorAlert } from './components/error-alert.js'
import { ScreenErrorBoundary } from './components/screen-error-boundary.js'
import { useStation } from './hooks/use-station.js'
import { AppShell } from './screens/app-shell.js'
import { applyLargeType } from './screens/settings/large-type.js'
import { UnlockScreen } from './screens/unlock-screen.js'

// Set up once per station: not worth a place in the first chunk.
const SetupWizard = lazy(() =>
  import('./screens/setup-wizard.js').then((m) => ({ default: m.SetupWizard }))
)

/** Picks the screen for the station's state: set up, unlock, or the app itself. */
export function App(): ReactElement {
  useEffect(applyLargeType, [])
  return (
    <ScreenErrorBoundary whole>
      <StationScreens />
    </ScreenErrorBoundary>
  )
}

function Opening(): ReactElement {
  return (
    <main className="page page-narrow">
      <p role="status">Opening the station…</p>
    </main>
  )
}

function StationScreens(): ReactElement {
  const { state, refresh, adopt } = useStation()

  if (state.phase === 'loading') return <Opening />
  if (state.phase === 'failed') {
    return (
      <main className="page page-narrow" aria-labelledby="failed-title">
        <h1 id="failed-title" className="screen-heading">
          Kiln cannot open the station
        </h1>
        <ErrorAlert error={state.error} />
        <Button className="button" onPress={refresh}>
          Try again
        </Button>
      </main>
    )
  }
  const { status } = state
  if (!status.initialized) {
    return (
      <Suspense fallback={<Opening />}>
        <SetupWizard onCreated={adopt} />
      </Suspense>
    )
  }
  if (status.locked) return <UnlockScreen status={status} onUnlocked={adopt} />
  return <AppShell status={status} onStatus={adopt} />
}
