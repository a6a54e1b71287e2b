/**
 * What analytics and the audit screen need from the journal, kept in memory as the station opens
 * and appends (fed by Station.openJournal's onEntry, like the award ledger): which awards rules
 * made, every rule run, and one compact row per entry for the audit trail. Rows keep a few facts
 * (names, ids, counts), never credentials or e-mail addresses, so 50,000 awards stay small.
 */
import type { JournalEntry } from '../storage/journal.js'

export type RuleRunFact = Readonly<{
  ts: string
  ruleId: string
  ruleName: string
  dryRun: boolean
  awarded: number
}>

/** The facts of one journal entry an audit sentence is made from (small, no secrets). */
export type AuditFacts = Readonly<Record<string, string | number | boolean | undefined>>

export type AuditRow = Readonly<{
  seq: number
  ts: string
  station: string
  type: string
  operator?: string
  facts: AuditFacts
}>

type Data = Readonly<Record<string, unknown>>

function record(value: unknown): Data {
  return typeof value === 'object' && value !== null ? (value as Data) : {}
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** The facts worth keeping for each known entry type; unknown types keep none. */
function factsOf(type: string, data: Data, station: string): AuditFacts {
  switch (type) {
    case 'award.issued': {
      const award = record(data.award)
      const from = text(award.stationId)
      return {
        awardId: text(award.id),
        name: text(award.recipientName),
        badgeId: text(award.badgeId),
        replaces: text(award.replacesAwardId) !== undefined,
        fromStation: from !== station ? from : undefined
      }
    }
    case 'award.revoked':
      return { awardId: text(data.awardId), reason: text(data.reason) }
    case 'rule.run': {
      const counts = record(data.counts)
      const error = record(data.error)
      return {
        ruleName: text(data.ruleName),
        dryRun: data.dryRun === true,
        trigger: text(data.trigger),
        awarded: count(counts.awarded),
        eligible: count(counts.eligible),
        error: text(error.message)
      }
    }
    case 'recipient.added':
      return { name: text(record(data.recipient).name) }
    case 'recipient.updated':
      return { id: text(data.id), name: text(data.name), email: text(data.email) !== undefined }
    case 'recipient.merged':
      return {
        keepId: text(data.keepId),
        merged: Array.isArray(data.mergeIds) ? data.mergeIds.length : 0
      }
    case 'checkin.imported': {
      const checkin = record(data.checkin)
      return { name: text(checkin.name), session: text(checkin.session) }
    }
    case 'station.initialized':
      return { issuerId: text(data.issuerId) }
    case 'bundle.exported':
      return { bundle: count(data.seq), files: count(data.files), full: data.full === true }
    case 'station.exported':
      return { awards: count(data.awards) }
    case 'station.merged':
      return {
        fromStation: text(data.stationId),
        added: count(data.added),
        revoked: count(data.revoked)
      }
    default:
      return {}
  }
}

export class JournalIndex {
  /** Ids of awards issued by rule runs (automatic awards). */
  readonly automaticAwardIds = new Set<string>()
  readonly ruleRuns: RuleRunFact[] = []
  /** One row per journal entry, oldest first. */
  readonly rows: AuditRow[] = []

  apply(entry: JournalEntry): void {
    const data = record(entry.data)
    if (entry.type === 'rule.run') {
      const dryRun = data.dryRun === true
      const ids = Array.isArray(data.awardIds) ? data.awardIds : []
      if (!dryRun) {
        for (const id of ids) if (typeof id === 'string') this.automaticAwardIds.add(id)
      }
      this.ruleRuns.push({
        ts: entry.ts,
        ruleId: text(data.ruleId) ?? '',
        ruleName: text(data.ruleName) ?? text(data.ruleId) ?? 'a rule',
        dryRun,
        awarded: dryRun ? 0 : count(record(data.counts).awarded)
      })
    }
    const operator = text(data.operator) ?? text(record(data.award).operator)
    this.rows.push({
      seq: entry.seq,
      ts: entry.ts,
      station: entry.station,
      type: entry.type,
      ...(operator ? { operator } : {}),
      facts: factsOf(entry.type, data, entry.station)
    })
  }
}

const indexes = new WeakMap<object, JournalIndex>()

/** The journal index of one station (created on first use; the station feeds it every entry). */
export function journalIndexOf(station: object): JournalIndex {
  let index = indexes.get(station)
  if (!index) {
    index = new JournalIndex()
    indexes.set(station, index)
  }
  return index
}
