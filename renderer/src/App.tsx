import type { ReactElement } from 'react'
import { Button } from 'react-aria-components'
import { ErrorAlert } from './components/error-alert.js'
import { useStation } from './hooks/use-station.js'
import { AppShell } from './screens/app-shell.js'
import { SetupWizard } from './screens/setup-wizard.js'
import { UnlockScreen } from './screens/unlock-screen.js'

/** Picks the screen for the station's state: set up, unlock, or the app itself. */
export function App(): ReactElement {
  const { state, refresh, adopt } = useStation()

  if (state.phase === 'loading') {
    return (
      <main className="page page-narrow">
        <p role="status">Opening the station…</p>
      </main>
    )
  }
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
  if (!status.initialized) return <SetupWizard onCreated={adopt} />
  if (status.locked) return <UnlockScreen status={status} onUnlocked={adopt} />
  return <AppShell status={status} onStatus={adopt} />
}
