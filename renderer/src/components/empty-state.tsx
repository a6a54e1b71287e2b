import type { ReactElement, ReactNode } from 'react'
import { Button } from 'react-aria-components'

/**
 * What an empty list or screen says: what is missing, and the next step as a button or two
 * (never a dead end). `actions` are buttons; the sentence says what they do.
 */
export function EmptyState({
  children,
  actions
}: Readonly<{ children: ReactNode; actions?: ReactNode }>): ReactElement {
  return (
    <div className="empty-state empty-state-action">
      <p>{children}</p>
      {actions ? <div className="empty-state-actions">{actions}</div> : null}
    </div>
  )
}

/** A list left empty by the user's own search or filters: says so, and clears them in one press. */
export function NoMatches({
  children,
  onClear
}: Readonly<{ children: ReactNode; onClear: () => void }>): ReactElement {
  return (
    <EmptyState
      actions={
        <Button className="button" onPress={onClear}>
          Clear the search and filters
        </Button>
      }
    >
      {children}
    </EmptyState>
  )
}
