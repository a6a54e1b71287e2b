import { Component, type ErrorInfo, type ReactNode } from 'react'

type BoundaryProps = Readonly<{ children: ReactNode; whole?: boolean }>

/**
 * Catches a rendering failure (or a screen's chunk that failed to load) and shows a human
 * sentence instead of a blank page, a raw error object or a stack trace. The station's data is
 * never at stake here: whatever the core confirmed is saved. Around a screen it is keyed by the
 * section, so leaving the screen resets it.
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
