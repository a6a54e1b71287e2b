import { MailWarning, Send } from 'lucide-react'
import type { ReactElement } from 'react'
import type { KilnApi } from '../../../../shared/api.js'
import { formatCount } from '../../components/format.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import './outbox.css'

const loadSummary = (kiln: KilnApi) => kiln.outboxSummary({})

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/**
 * The quiet header note about e-mail: messages waiting for a connection (or for e-mail to be set
 * up), sending progress, and messages interrupted by a stop. Never a dialog.
 */
export function OutboxNote(): ReactElement {
  const summary = useKilnQuery(loadSummary, 'outbox')
  const s = summary.phase === 'ready' ? summary.value : null
  let text: ReactElement | null = null
  if (s?.running && s.running.total > 0) {
    text = (
      <>
        <Send aria-hidden="true" size={16} /> Sending {formatCount(s.running.done)} of{' '}
        {formatCount(s.running.total)} messages
      </>
    )
  } else if (s && s.counts.interrupted > 0) {
    text = (
      <>
        <MailWarning aria-hidden="true" size={16} />{' '}
        {plural(s.counts.interrupted, 'message was', 'messages were')} interrupted (see Outbox)
      </>
    )
  } else if (s && s.counts.waitingForConnection > 0) {
    text = (
      <>
        <MailWarning aria-hidden="true" size={16} />{' '}
        {plural(s.counts.waitingForConnection, 'message', 'messages')} waiting for a connection
      </>
    )
  } else if (s && !s.configured && s.counts.queued > 0) {
    text = (
      <>
        <MailWarning aria-hidden="true" size={16} />{' '}
        {plural(s.counts.queued, 'message', 'messages')} waiting for e-mail setup
      </>
    )
  }
  return (
    <span role="status" className="shell-outbox">
      {text}
    </span>
  )
}
