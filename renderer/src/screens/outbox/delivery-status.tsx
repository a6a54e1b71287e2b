import { Mail, MailCheck, MailWarning, MailX } from 'lucide-react'
import { useCallback, useMemo, type ReactElement } from 'react'
import type { AwardDelivery } from '../../../../shared/methods/delivery.js'
import type { KilnApi } from '../../../../shared/api.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import {
  deliveryDetail,
  deliveryLabel,
  deliveryTone,
  type DeliveryLike
} from './delivery-labels.js'
import './outbox.css'

/** The newest message of each of these awards, kept current as the outbox changes. */
export function useDeliveries(awardIds: readonly string[]): ReadonlyMap<string, AwardDelivery> {
  const key = awardIds.join(',')
  const load = useCallback(
    (kiln: KilnApi) => kiln.outboxForAwards({ awardIds: key ? key.split(',') : [] }),
    [key]
  )
  const query = useKilnQuery(load, 'outbox')
  return useMemo(
    () =>
      new Map(
        query.phase === 'ready' ? query.value.deliveries.map((d) => [d.awardId, d] as const) : []
      ),
    [query]
  )
}

function Icon({ delivery }: Readonly<{ delivery: DeliveryLike }>): ReactElement {
  if (delivery.state === 'sent') return <MailCheck aria-hidden="true" size={14} />
  if (delivery.state === 'failed') return <MailX aria-hidden="true" size={14} />
  if (delivery.state === 'sending' && delivery.interrupted) {
    return <MailWarning aria-hidden="true" size={14} />
  }
  return <Mail aria-hidden="true" size={14} />
}

/** A small, labelled mark of a message's state (with the reason as its description). */
export function DeliveryStatus({
  delivery
}: Readonly<{ delivery: DeliveryLike | undefined }>): ReactElement | null {
  if (!delivery) return null
  const detail = deliveryDetail(delivery)
  return (
    <span className={`delivery delivery-${deliveryTone(delivery)}`} title={detail}>
      <Icon delivery={delivery} />
      <span>
        <span className="visually-hidden">E-mail: </span>
        {deliveryLabel(delivery)}
      </span>
      {detail && delivery.state === 'failed' ? (
        <span className="visually-hidden">. {detail}</span>
      ) : null}
    </span>
  )
}
