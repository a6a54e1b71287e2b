/**
 * The in-memory view of awards, rebuilt from the journal at open (the journal is
 * the truth) and kept current as entries are appended.
 */
import type { Award, AwardStatus } from '../../../shared/types.js'
import type { JournalEntry } from '../storage/journal.js'

export type AwardRecord = Readonly<{
  id: string
  badgeId: string
  badgeVersion: number
  recipientName: string
  recipientEmail: string
  salt: string
  credentialId: string
  awardedDate: string
  validFrom: string
  validUntil?: string
  statusIndex: number
  stationId: string
  operator?: string
  narrative?: string
  evidenceUrl?: string
}>

export type AwardIssuedData = Readonly<{ award: AwardRecord; credential: Record<string, unknown> }>
export type AwardRevokedData = Readonly<{ awardId: string; reason: string; revokedAt: string; operator?: string }>

type LedgerRow = {
  record: AwardRecord
  credential: Record<string, unknown>
  revokedAt?: string
  revocationReason?: string
}

const DAY = 86_400_000

export class AwardLedger {
  private readonly rows = new Map<string, LedgerRow>()
  private readonly usedIndexes = new Set<number>()
  private readonly perBadge = new Map<string, { count: number; last: string }>()

  apply(entry: JournalEntry): void {
    if (entry.type === 'award.issued') {
      const data = entry.data as AwardIssuedData
      this.rows.set(data.award.id, { record: data.award, credential: data.credential })
      this.usedIndexes.add(data.award.statusIndex)
      const stats = this.perBadge.get(data.award.badgeId) ?? { count: 0, last: '' }
      stats.count += 1
      if (data.award.awardedDate > stats.last) stats.last = data.award.awardedDate
      this.perBadge.set(data.award.badgeId, stats)
    } else if (entry.type === 'award.revoked') {
      const data = entry.data as AwardRevokedData
      const row = this.rows.get(data.awardId)
      if (row) {
        row.revokedAt = data.revokedAt
        row.revocationReason = data.reason
      }
    }
  }

  get size(): number {
    return this.rows.size
  }

  get statusIndexesInUse(): ReadonlySet<number> {
    return this.usedIndexes
  }

  badgeStats(badgeId: string): { count: number; last?: string } {
    const stats = this.perBadge.get(badgeId)
    return stats ? { count: stats.count, last: stats.last } : { count: 0 }
  }

  record(id: string): AwardRecord | undefined {
    return this.rows.get(id)?.record
  }

  credential(id: string): Record<string, unknown> | undefined {
    return this.rows.get(id)?.credential
  }

  recipientCount(): number {
    const emails = new Set<string>()
    for (const row of this.rows.values()) emails.add(row.record.recipientEmail)
    return emails.size
  }

  view(id: string, now: Date = new Date()): Award | undefined {
    const row = this.rows.get(id)
    return row ? toAward(row, now) : undefined
  }

  list(now: Date = new Date()): Award[] {
    return [...this.rows.values()].map((row) => toAward(row, now))
  }
}

function statusOf(row: LedgerRow, now: Date): AwardStatus {
  if (row.revokedAt) return 'revoked'
  const until = row.record.validUntil ? Date.parse(row.record.validUntil) : undefined
  if (until !== undefined && until <= now.getTime()) return 'expired'
  if (until !== undefined && until - now.getTime() <= 30 * DAY) return 'expiring'
  return 'active'
}

function toAward(row: LedgerRow, now: Date): Award {
  const r = row.record
  return {
    id: r.id,
    badgeId: r.badgeId,
    badgeVersion: r.badgeVersion,
    recipientName: r.recipientName,
    recipientEmail: r.recipientEmail,
    credentialId: r.credentialId,
    awardedDate: r.awardedDate,
    validFrom: r.validFrom,
    ...(r.validUntil ? { validUntil: r.validUntil } : {}),
    status: statusOf(row, now),
    ...(row.revokedAt ? { revokedAt: row.revokedAt } : {}),
    ...(row.revocationReason ? { revocationReason: row.revocationReason } : {}),
    stationId: r.stationId,
    ...(r.operator ? { operator: r.operator } : {})
  }
}
