import type { ReactElement } from 'react'
import { describeError } from '../../../shared/error-messages.js'
import type { KilnError } from '../../../shared/result.js'

type ErrorAlertProps = Readonly<{ error: KilnError | null }>

/**
 * A live region that is always in the page (so screen readers announce new text) and shows
 * the human sentence for an error, never a raw error object.
 */
export function ErrorAlert({ error }: ErrorAlertProps): ReactElement {
  return (
    <div role="alert" className={error ? 'alert' : 'alert alert-empty'}>
      {error ? describeError(error) : null}
    </div>
  )
}
