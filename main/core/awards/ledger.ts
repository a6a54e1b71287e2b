/**
 * The in-memory view of awards, rebuilt from the journal at open (the journal is the truth)
 * and kept current as entries are appended. Signed credentials are kept as the JSON text the
 * journal holds (parsed on demand), so 50,000 awards stay small and open fast.
 */
import type { Award, AwardStatus } from '../../../shared/types.js'
import type { JournalEntry } from '../journal/registry.js'
import type { Projection } from '../journal/projection.js'
import { statusListOf, type AwardRecord } from '../journal/events/awards.js'
import { StatusSlots } from '../status/status-slots.js'
import { foldText } from '../csv/columns.js'
import { normaliseEmail } from '../../../shared/email.js'

export type { AwardIssuedData, AwardRecord, AwardRevokedData } from '../journal/events/awards.js'

type LedgerRow = {
  record: AwardRecord
  credentialJson: string
  revokedAt?: string
  revocationReason?: string
  revokedBy?: string
  replacedBy?: string
}

const DAY = 86_400_000

export type AwardQuery = Readonly<{
  status?: AwardStatus
  /** Words matched against name, e-mail, badge id, and `badgeNames` of the award's badge. */
  query?: string
  badgeId?: string
  /** Only awards to these e-mails (a recipient and whoever was merged into it). */
  emails?: readonly string[]
  badgeNames?: ReadonlyMap<string, string>
  limit?: number
  offset?: number
  now?: Date
}>

// E-mails are keyed by their normalised form (shared/email.ts), so an award journaled before
// NFC normalisation and one typed in the other Unicode form are held by the same person.
function holdKey(badgeId: string, email: string): string {
  return `${badgeId}\n${normaliseEmail(email)}`
}

export class AwardLedger implements Projection {
  private readonly rows = new Map<string, LedgerRow>()
  private readonly order: string[] = []
  /**
   * This station's status-list entries (list, index): taken and revoked. Awards merged from
   * another station (their record names that station) live in that station's lists, not here.
   */
  private readonly slots = new StatusSlots()
  private readonly perBadge = new Map<string, { count: number; last: string }>()
  /** badgeId + e-mail → ids of unrevoked awards. */
  private readonly holders = new Map<string, string[]>()
  private readonly perEmail = new Map<string, number>()

  apply(entry: JournalEntry): void {
    if (entry.type === 'award.issued') {
      const data = entry.data
      const record = data.award
      // An award already known (a merge that brought it twice) is not counted again.
      if (this.rows.has(record.id)) return
      const credentialJson = data.credentialJson ?? JSON.stringify(data.credential ?? {})
      this.rows.set(record.id, { record, credentialJson })
      this.order.push(record.id)
      if (record.stationId === entry.station) this.slots.use(slotOf(record))
      const stats = this.perBadge.get(record.badgeId) ?? { count: 0, last: '' }
      stats.count += 1
      if (record.awardedDate > stats.last) stats.last = record.awardedDate
      this.perBadge.set(record.badgeId, stats)
      const key = holdKey(record.badgeId, record.recipientEmail)
      const held = this.holders.get(key)
      if (held) held.push(record.id)
      else this.holders.set(key, [record.id])
      const emailKey = normaliseEmail(record.recipientEmail)
      this.perEmail.set(emailKey, (this.perEmail.get(emailKey) ?? 0) + 1)
      if (record.replacesAwardId) {
        const old = this.rows.get(record.replacesAwardId)
        if (old) old.replacedBy = record.id
      }
    } else if (entry.type === 'award.revoked') {
      const data = entry.data
      const row = this.rows.get(data.awardId)
      if (row && !row.revokedAt) {
        row.revokedAt = data.revokedAt
        row.revocationReason = data.reason
        if (data.operator) row.revokedBy = data.operator
        if (row.record.stationId === entry.station) {
          this.slots.revoke(slotOf(row.record), data.revokedAt)
        }
        const key = holdKey(row.record.badgeId, row.record.recipientEmail)
        const held = this.holders.get(key)?.filter((id) => id !== data.awardId) ?? []
        if (held.length > 0) this.holders.set(key, held)
        else this.holders.delete(key)
      }
    }
  }

  get size(): number {
    return this.rows.size
  }

  /** This station's status-list entries, taken and revoked (the bits of its published lists). */
  get statusSlots(): StatusSlots {
    return this.slots
  }

  badgeStats(badgeId: string): { count: number; last?: string } {
    const stats = this.perBadge.get(badgeId)
    return stats ? { count: stats.count, last: stats.last } : { count: 0 }
  }

  /** The unrevoked award of this badge held by this (normalised) e-mail, if any. */
  heldBy(badgeId: string, email: string): string | undefined {
    return this.holders.get(holdKey(badgeId, email))?.[0]
  }

  awardCountFor(emails: readonly string[]): number {
    let n = 0
    for (const e of new Set(emails.map(normaliseEmail))) n += this.perEmail.get(e) ?? 0
    return n
  }

  record(id: string): AwardRecord | undefined {
    return this.rows.get(id)?.record
  }

  isRevoked(id: string): boolean {
    return this.rows.get(id)?.revokedAt !== undefined
  }

  revocation(id: string): { revokedAt: string; reason: string; operator?: string } | undefined {
    const row = this.rows.get(id)
    if (!row?.revokedAt) return undefined
    return {
      revokedAt: row.revokedAt,
      reason: row.revocationReason ?? '',
      ...(row.revokedBy ? { operator: row.revokedBy } : {})
    }
  }

  /** The signed credential exactly as journaled (JSON text). */
  credentialJson(id: string): string | undefined {
    return this.rows.get(id)?.credentialJson
  }

  credential(id: string): Record<string, unknown> | undefined {
    const json = this.credentialJson(id)
    return json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>)
  }

  /** Award ids in journal order (oldest first). */
  ids(): readonly string[] {
    return this.order
  }

  recipientCount(): number {
    return this.perEmail.size
  }

  view(id: string, now: Date = new Date()): Award | undefined {
    const row = this.rows.get(id)
    return row ? toAward(row, now) : undefined
  }

  /** Newest first, filtered; `total` counts matches before limit/offset. */
  query(q: AwardQuery = {}): { awards: Award[]; total: number } {
    const now = q.now ?? new Date()
    const words = foldText(q.query ?? '')
      .split(/\s+/)
      .filter((w) => w !== '')
    const emails = q.emails ? new Set(q.emails.map(normaliseEmail)) : undefined
    const offset = q.offset ?? 0
    const limit = q.limit ?? Number.POSITIVE_INFINITY
    const awards: Award[] = []
    let total = 0
    for (let i = this.order.length - 1; i >= 0; i--) {
      const row = this.rows.get(this.order[i] as string)
      if (!row) continue
      const r = row.record
      if (q.badgeId && r.badgeId !== q.badgeId) continue
      if (emails && !emails.has(normaliseEmail(r.recipientEmail))) continue
      if (q.status && statusOf(row, now) !== q.status) continue
      if (words.length > 0) {
        const text = foldText(
          `${r.recipientName}\n${r.recipientEmail}\n${r.badgeId}\n${q.badgeNames?.get(r.badgeId) ?? ''}\n${r.id}`
        )
        if (!words.every((w) => text.includes(w))) continue
      }
      total++
      if (total > offset && awards.length < limit) awards.push(toAward(row, now))
    }
    return { awards, total }
  }

  list(now: Date = new Date()): Award[] {
    return this.query({ now }).awards
  }
}

/** Where an award's status bit is: its list (1 for records from before rollover) and index. */
export function slotOf(record: AwardRecord): { list: number; index: number } {
  return { list: statusListOf(record), index: record.statusIndex }
}

export function statusAt(
  record: AwardRecord,
  revokedAt: string | undefined,
  now: Date
): AwardStatus {
  if (revokedAt) return 'revoked'
  const until = record.validUntil ? Date.parse(record.validUntil) : undefined
  if (until !== undefined && until <= now.getTime()) return 'expired'
  if (until !== undefined && until - now.getTime() <= 30 * DAY) return 'expiring'
  return 'active'
}

function statusOf(row: LedgerRow, now: Date): AwardStatus {
  return statusAt(row.record, row.revokedAt, now)
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
    ...(row.revokedBy ? { revokedBy: row.revokedBy } : {}),
    stationId: r.stationId,
    ...(r.operator ? { operator: r.operator } : {}),
    ...(r.recipientId ? { recipientId: r.recipientId } : {}),
    ...(r.narrative ? { narrative: r.narrative } : {}),
    ...(r.evidenceUrl ? { evidenceUrl: r.evidenceUrl } : {}),
    ...(r.replacesAwardId ? { replacesAwardId: r.replacesAwardId } : {}),
    ...(row.replacedBy ? { replacedByAwardId: row.replacedBy } : {})
  }
}
