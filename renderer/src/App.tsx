import { Component, useEffect, type ErrorInfo, type ReactElement, type ReactNode } from 'react'
import { Button } from 'react-aria-components'
import { ErrorAlert } from './components/error-alert.js'
import { useStation } from './hooks/use-station.js'
import { AppShell } from './screens/app-shell.js'
import { applyLargeType } from './screens/settings/large-type.js'
import { SetupWizard } from './screens/setup-wizard.js'
import { UnlockScreen } from './screens/unlock-screen.js'

type BoundaryProps = Readonly<{ children: ReactNode; whole?: boolean }>

/**
 * Catches a rendering failure and shows a human sentence instead of a blank page, a raw error
 * object or a stack trace. The station's data is never at stake here: whatever the core
 * confirmed is saved. Around a screen it is keyed by the section, so leaving the screen resets it.
 */
export class ScreenErrorBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // React already reports the error to the developer console; nothing of it reaches the page.
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    return (
      <div role="alert" className="alert screen-failure">
        <p>
          <strong>This screen ran into a problem and could not be shown.</strong> Everything Kiln
          confirmed (awards, badges, settings) is saved.
        </p>
        <p>
          {this.props.whole
            ? 'Reload the window to carry on.'
            : 'Open another section, or reload the window to try again.'}
        </p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    )
  }
}

/** Picks the screen for the station's state: set up, unlock, or the app itself. */
export function App(): ReactElement {
  useEffect(applyLargeType, [])
  return (
    <ScreenErrorBoundary whole>
      <StationScreens />
    </ScreenErrorBoundary>
  )
}

function StationScreens(): ReactElement {
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
