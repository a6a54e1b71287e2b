/**
 * The mail-merge export, for associations that send through their own mailing tool: one row per
 * unrevoked award with the links a message would carry, as spreadsheet-safe CSV (shared/csv-safe:
 * a name such as "=HYPERLINK(…)" shows as text). Filters: a badge, a batch, some awards, a date
 * range of the award date, or only awards no message was sent for.
 */
import type { MethodParsedInput } from '../../../shared/contract.js'
import { toSafeCsv, type CsvCell } from '../../../shared/csv-safe.js'
import type { Station } from '../station/station.js'
import { findBadge } from '../badges/badge-service.js'
import { awardLinks } from './links.js'

export type MailMergeInput = MethodParsedInput<'mailMerge:export'>

export const MAIL_MERGE_COLUMNS = [
  'Name',
  'E-mail',
  'Badge',
  'Award date',
  'Credential URL',
  'Personal page URL',
  'LinkedIn URL',
  'Badge image URL',
  'Award ID'
] as const

function bound(value: string | undefined, end: boolean): number | undefined {
  if (!value) return undefined
  // A bare date covers that whole day (UTC).
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T${end ? '23:59:59.999' : '00:00:00'}Z`
    : value
  return Date.parse(iso)
}

export function mailMerge(
  station: Station,
  input: MailMergeInput
): { csv: string; rows: number; filename: string } {
  station.requireInitialized()
  if (input.badgeId) findBadge(station, input.badgeId)
  const outbox = station.outbox
  const from = bound(input.from, false)
  const to = bound(input.to, true)
  const names = new Map(station.catalog.badges.map((b) => [b.id, b] as const))
  const rows: CsvCell[][] = [[...MAIL_MERGE_COLUMNS]]
  const only = input.awardIds ? new Set(input.awardIds) : undefined
  for (const awardId of station.awards.ids()) {
    if (only && !only.has(awardId)) continue
    const record = station.awards.record(awardId)
    if (!record || station.awards.isRevoked(awardId)) continue
    if (input.badgeId && record.badgeId !== input.badgeId) continue
    const awarded = Date.parse(record.awardedDate)
    if (from !== undefined && awarded < from) continue
    if (to !== undefined && awarded > to) continue
    if (input.batchId) {
      const inBatch = outbox
        .messagesOf(awardId)
        .some((id) => outbox.queuedData(id)?.batchId === input.batchId)
      if (!inBatch) continue
    }
    if (input.undelivered && outbox.wasSent(awardId)) continue
    const badge = names.get(record.badgeId)
    const version = badge?.versions.find((v) => v.version === record.badgeVersion)
    const badgeName = version?.content.name ?? badge?.content.name ?? record.badgeId
    const links = awardLinks(station, record, badgeName)
    rows.push([
      record.recipientName,
      record.recipientEmail,
      badgeName,
      record.awardedDate.slice(0, 10),
      links.credentialUrl,
      links.personalPageUrl ?? '',
      links.linkedInUrl,
      links.imageUrl,
      record.id
    ])
  }
  const stamp = new Date().toISOString().slice(0, 10)
  return { csv: toSafeCsv(rows), rows: rows.length - 1, filename: `kiln-mail-merge-${stamp}.csv` }
}
