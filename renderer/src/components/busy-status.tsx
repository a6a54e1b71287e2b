import type { ReactElement } from 'react'

type BusyStatusProps = Readonly<{ busy: boolean; children: string }>

/**
 * A polite status line beside an action while it runs ("Creating station…"). Used instead of
 * React Aria's Button `isPending`, whose announcement points at the button by id and so is left
 * nameless (an axe "role-img-alt" violation) when the action replaces the screen.
 */
export function BusyStatus({ busy, children }: BusyStatusProps): ReactElement {
  return (
    <span role="status" className="busy-status">
      {busy ? children : ''}
    </span>
  )
}
