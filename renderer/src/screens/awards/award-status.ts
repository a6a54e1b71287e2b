/** How an award's state reads wherever an award is shown (list, dialog). */
import type { Award } from '../../../../shared/types.js'
import { formatDate } from '../../components/format.js'

export type AwardState = 'active' | 'expiring' | 'expired' | 'revoked' | 'replaced'

export const AWARD_STATE_LABEL: Readonly<Record<AwardState, string>> = {
  active: 'Active',
  expiring: 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked',
  replaced: 'Replaced'
}

/** A revoked award that a corrected one replaced reads "Replaced", not "Revoked". */
export function awardState(award: Award): AwardState {
  if (award.status === 'revoked' && award.replacedByAwardId) return 'replaced'
  return award.status
}

/** One sentence for the credential dialog, or null for an award in good standing. */
export function awardStateSentence(award: Award): string | null {
  switch (awardState(award)) {
    case 'replaced':
      return `Replaced by a corrected credential${award.revokedAt ? ` on ${formatDate(award.revokedAt)}` : ''}: this one shows as revoked to anyone who checks it.`
    case 'revoked':
      return `Revoked${award.revokedAt ? ` on ${formatDate(award.revokedAt)}` : ''}${award.revocationReason ? `: ${award.revocationReason}` : ''}.`
    case 'expired':
      return `Expired${award.validUntil ? ` on ${formatDate(award.validUntil)}` : ''}.`
    default:
      return null
  }
}
