import type { ReactElement } from 'react'
import { Switch } from 'react-aria-components'
import { useLargeType } from './large-type.js'

/** Large type (kept in this browser), and a word on the theme. */
export function DisplaySection(): ReactElement {
  const [largeType, setLargeType] = useLargeType()
  return (
    <section aria-labelledby="settings-display">
      <h2 id="settings-display">Display</h2>
      <Switch className="switch" isSelected={largeType} onChange={setLargeType}>
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        Large type (for a kiosk or a desk seen from a step away)
      </Switch>
      <p className="settings-hint">
        Kept in this browser or app on this computer; the station’s data is not changed. The theme
        (light or dark) follows the system setting.
      </p>
    </section>
  )
}
