import { LogOut, UserCheck } from 'lucide-react'
import { useState, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import type { StationStatus } from '../../../../shared/types.js'
import { useDesk } from './desk-context.js'
import { LeaveDeskDialog } from './leave-desk-dialog.js'
import './desk.css'

/**
 * The band under the header while desk mode is on: who is awarding (chosen from the list the
 * passphrase holder gave), and the way out, which asks for the passphrase.
 */
export function DeskBanner({
  onStatus
}: Readonly<{ onStatus: (status: StationStatus) => void }>): ReactElement | null {
  const desk = useDesk()
  const [leaving, setLeaving] = useState(false)
  if (!desk) return null
  return (
    <section className="desk-banner" aria-labelledby="desk-banner-title">
      <UserCheck aria-hidden="true" size={20} className="desk-banner-icon" />
      <h2 id="desk-banner-title" className="desk-banner-title">
        Desk mode — operator: {desk.operator ?? 'choose your name'}
      </h2>
      <div className="field desk-operator">
        <label className="field-label" htmlFor="desk-operator">
          Operator
        </label>
        <select
          id="desk-operator"
          className="select"
          value={desk.operator ?? ''}
          onChange={(event) => desk.setOperator(event.target.value)}
        >
          <option value="" disabled>
            Choose your name…
          </option>
          {desk.operators.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <Button className="button desk-leave" onPress={() => setLeaving(true)}>
        <LogOut aria-hidden="true" size={16} /> Leave desk mode
      </Button>
      <LeaveDeskDialog
        isOpen={leaving}
        onClose={() => setLeaving(false)}
        onLeft={(status) => {
          setLeaving(false)
          onStatus(status)
        }}
      />
    </section>
  )
}
