/** Words the badge screens show for stored values. */
import type { ExpiryPolicy } from '../../../../shared/types.js'

export const STATUS_LABEL = {
  draft: 'Draft',
  published: 'Published',
  archived: 'Archived'
} as const

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

export function formatDate(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
}

export function expiryLabel(expiry: ExpiryPolicy): string {
  switch (expiry.kind) {
    case 'never':
      return 'Never expires'
    case 'months':
      return `Expires ${expiry.months} ${expiry.months === 1 ? 'month' : 'months'} after the award`
    case 'date':
      return `Expires on ${formatDate(expiry.date)}`
  }
}
