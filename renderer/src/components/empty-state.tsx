import type { ReactElement, ReactNode } from 'react'

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
