/**
 * audit:list — the journal as sentences people read ("Ana Müller was awarded Teamwork by
 * Desk A"), newest first, filtered and paged over the in-memory journal index. Sentences name
 * people and badges as the station's screens do; never credentials or e-mail addresses.
 */
import type { AuditEntry } from '../../../shared/methods/analytics.js'
import { foldText } from '../csv/columns.js'
import type { AuditFacts, AuditRow } from './journal-index.js'
import { isoMs, resolveRange } from './dates.js'

/** What a sentence may look up: badge names, and award and recipient records by id. */
export type AuditContext = Readonly<{
  badgeName: (badgeId: string) => string | undefined
  award: (awardId: string) => Readonly<{ recipientName: string; badgeId: string }> | undefined
  recipientName: (recipientId: string) => string | undefined
  /** True for awards a rule run made. */
  automatic?: (awardId: string) => boolean
}>

export type AuditQuery = Readonly<{
  offset: number
  limit: number
  type?: string
  query?: string
  from?: string
  to?: string
  utcOffsetMinutes?: number
}>

const str = (facts: AuditFacts, key: string): string | undefined => {
  const v = facts[key]
  return typeof v === 'string' ? v : undefined
}
const num = (facts: AuditFacts, key: string): number => {
  const v = facts[key]
  return typeof v === 'number' ? v : 0
}
const quote = (name: string) => `“${name}”`
const times = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** "backup.created" → "Backup created" (for entry types this screen does not know yet). */
function humanise(type: string): string {
  const words = type.replace(/[._-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function describeEntry(row: AuditRow, ctx: AuditContext): string {
  const f = row.facts
  const by = row.operator ? ` by ${row.operator}` : ''
  const badge = (id: string | undefined) => (id ? (ctx.badgeName(id) ?? id) : 'a badge')
  switch (row.type) {
    case 'award.issued': {
      const who = str(f, 'name') ?? 'Someone'
      const from = str(f, 'fromStation') ? ` (from station ${str(f, 'fromStation')})` : ''
      const rule = ctx.automatic?.(str(f, 'awardId') ?? '') ? ' (automatic, by a rule)' : ''
      return f.replaces === true
        ? `${who} was reissued ${badge(str(f, 'badgeId'))} (a correction)${by}${from}`
        : `${who} was awarded ${badge(str(f, 'badgeId'))}${by}${rule}${from}`
    }
    case 'award.revoked': {
      const award = ctx.award(str(f, 'awardId') ?? '')
      const what = award ? `${badge(award.badgeId)} of ${award.recipientName}` : 'An award'
      const reason = str(f, 'reason')
      return `${what} was revoked${by}${reason ? `: ${reason}` : ''}`
    }
    case 'rule.run': {
      const rule = quote(str(f, 'ruleName') ?? 'a rule')
      const error = str(f, 'error')
      if (f.dryRun === true) {
        return `Rule ${rule} was tried (dry run)${by}: ${times(num(f, 'eligible'), 'person', 'people')} would be awarded`
      }
      const trigger = str(f, 'trigger')
      const after = trigger && trigger !== 'manual' ? ` after new ${trigger}` : ''
      return `Rule ${rule} ran${after}${by}: ${times(num(f, 'awarded'), 'award', 'awards')} made${error ? ` (${error})` : ''}`
    }
    case 'recipient.added':
      return `${str(f, 'name') ?? 'A recipient'} was added to the recipients${by}`
    case 'recipient.updated': {
      const name = str(f, 'name') ?? ctx.recipientName(str(f, 'id') ?? '') ?? 'A recipient'
      const changed = [str(f, 'name') ? 'name' : '', f.email === true ? 'e-mail' : ''].filter(
        Boolean
      )
      return `Recipient ${name} was updated${changed.length > 0 ? ` (${changed.join(' and ')})` : ''}${by}`
    }
    case 'recipient.merged': {
      const name = ctx.recipientName(str(f, 'keepId') ?? '') ?? 'one recipient'
      return `${times(num(f, 'merged'), 'recipient was', 'recipients were')} merged into ${name}${by}`
    }
    case 'checkin.imported':
      return `Check-in of ${str(f, 'name') ?? 'someone'} at ${quote(str(f, 'session') ?? 'a session')} was imported${by}`
    case 'station.initialized':
      return `The station was set up${str(f, 'issuerId') ? ` for issuer ${str(f, 'issuerId')}` : ''}`
    case 'key.rotated':
      return `The signing key was rotated${by}`
    case 'bundle.exported':
      return `Site bundle ${num(f, 'bundle')} was exported (${times(num(f, 'files'), 'file', 'files')}${f.full === true ? ', full' : ''})${by}`
    case 'station.exported':
      return `This station's awards were exported for merging (${times(num(f, 'awards'), 'entry', 'entries')})${by}`
    case 'station.merged':
      return `Awards of station ${str(f, 'fromStation') ?? 'another station'} were merged: ${num(f, 'added')} added, ${num(f, 'revoked')} revoked${by}`
    case 'desk.entered':
      return 'Desk mode was switched on (only awarding, the awards list and printing open)'
    case 'desk.left':
      return 'Desk mode was switched off with the passphrase'
    case 'desk.refused':
      return `A wrong passphrase was given to leave desk mode (${times(num(f, 'wrongTries'), 'wrong try', 'wrong tries')} in a row)`
    default:
      return `${humanise(row.type)}${by}`
  }
}

function typeMatches(type: string, wanted: string | undefined): boolean {
  if (!wanted) return true
  return wanted.includes('.') ? type === wanted : type.startsWith(`${wanted}.`)
}

/** Newest first; `total` counts matches before offset/limit. */
export function listAudit(
  rows: readonly AuditRow[],
  q: AuditQuery,
  ctx: AuditContext,
  now: Date = new Date()
): { entries: AuditEntry[]; total: number } {
  const range =
    q.from || q.to ? resolveRange(q.from, q.to, q.utcOffsetMinutes ?? 0, now) : undefined
  const words = foldText(q.query ?? '')
    .split(/\s+/)
    .filter((w) => w !== '')
  const entries: AuditEntry[] = []
  let total = 0
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]
    if (!row || !typeMatches(row.type, q.type)) continue
    if (range) {
      const ms = isoMs(row.ts)
      if (ms < range.fromMs || ms > range.toMs) continue
    }
    let summary: string | undefined
    if (words.length > 0) {
      summary = describeEntry(row, ctx)
      const text = foldText(`${summary}\n${row.operator ?? ''}\n${row.type}\n${row.station}`)
      if (!words.every((w) => text.includes(w))) continue
    }
    total++
    if (total > q.offset && entries.length < q.limit) {
      entries.push({
        seq: row.seq,
        ts: row.ts,
        station: row.station,
        type: row.type,
        summary: summary ?? describeEntry(row, ctx),
        ...(row.operator ? { operator: row.operator } : {})
      })
    }
  }
  return { entries, total }
}
