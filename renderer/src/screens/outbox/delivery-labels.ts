/** How a message's state is said to a person, everywhere the UI shows it (one place). */
import type {
  AwardDelivery,
  MessageState,
  OutboxMessage,
  WaitReason
} from '../../../../shared/methods/delivery.js'

export const STATE_LABEL: Readonly<Record<MessageState, string>> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Cancelled'
}

const WAIT_LABEL: Readonly<Record<WaitReason, string>> = {
  site: 'Waiting for the site',
  connection: 'Waiting for a connection',
  retry: 'Will try again',
  setup: 'Waiting for e-mail setup'
}

export type DeliveryLike = Pick<
  AwardDelivery | OutboxMessage,
  'state' | 'waiting' | 'interrupted' | 'lastError' | 'sentAt'
>

/** Short label ("Sent", "Waiting for the site", "Interrupted"). */
export function deliveryLabel(d: DeliveryLike): string {
  if (d.state === 'sending' && d.interrupted) return 'Interrupted'
  if (d.state === 'queued' && d.waiting) return WAIT_LABEL[d.waiting]
  return STATE_LABEL[d.state]
}

/** The sentence behind the label (the server's reason for a failure). */
export function deliveryDetail(d: DeliveryLike): string | undefined {
  if (d.state === 'sending' && d.interrupted) {
    return 'Kiln stopped while sending this message: it may have arrived. Sending it again may deliver it twice.'
  }
  if (d.state === 'failed' && d.lastError) {
    return `The mail server refused it: ${d.lastError.message}`
  }
  if (d.state === 'queued' && d.lastError) return `Last attempt: ${d.lastError.message}`
  if (d.state === 'queued' && d.waiting === 'site') {
    return 'It links to the credential page: it leaves once the credential is on the badge site (published to the default publish target, or, without one, in an exported bundle).'
  }
  return undefined
}

/** The CSS tone of a state (reuses the status colours). */
export function deliveryTone(d: DeliveryLike): 'ok' | 'bad' | 'wait' {
  if (d.state === 'sent') return 'ok'
  if (d.state === 'failed' || (d.state === 'sending' && d.interrupted)) return 'bad'
  return 'wait'
}
