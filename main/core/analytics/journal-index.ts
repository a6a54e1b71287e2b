/**
 * What analytics and the audit screen need from the journal, kept in memory as the station opens
 * and appends (fed by Station.openJournal's onEntry, like the award ledger): which awards rules
 * made and every rule run (checkpointed: the rule.run entries), and one compact row per entry for
 * the audit trail. The rows are built by streaming the journal the first time the audit trail is
 * asked for (not at open: a million awards would make a million rows nobody else reads), then
 * kept current. Rows keep a few facts (names, ids, counts), never credentials or e-mail addresses.
 */
import type { JournalEntry } from '../journal/registry.js'
import { CheckpointedBase } from '../journal/projection.js'
import { KeptEntries } from '../journal/kept-entries.js'

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

const text = (value: string | undefined): string | undefined =>
  value !== undefined && value !== '' ? value : undefined

/** The facts worth keeping for each entry type; types without an audit sentence keep none. */
function factsOf(entry: JournalEntry): AuditFacts {
  switch (entry.type) {
    case 'award.issued': {
      const award = entry.data.award
      return {
        awardId: award.id,
        name: text(award.recipientName),
        badgeId: award.badgeId,
        replaces: award.replacesAwardId !== undefined && award.replacesAwardId !== '',
        fromStation: award.stationId !== entry.station ? award.stationId : undefined
      }
    }
    case 'award.revoked':
      return { awardId: entry.data.awardId, reason: text(entry.data.reason) }
    case 'rule.run': {
      const d = entry.data
      return {
        ruleName: text(d.ruleName),
        dryRun: d.dryRun,
        trigger: d.trigger,
        awarded: d.counts.awarded,
        eligible: d.counts.eligible,
        error: text(d.error?.message)
      }
    }
    case 'recipient.added':
      return { name: text(entry.data.recipient.name) }
    case 'recipient.updated':
      return {
        id: entry.data.id,
        name: text(entry.data.name),
        email: text(entry.data.email) !== undefined
      }
    case 'recipient.merged':
      return { keepId: entry.data.keepId, merged: entry.data.mergeIds.length }
    case 'checkin.imported':
      return { name: text(entry.data.checkin.name), session: text(entry.data.checkin.session) }
    case 'station.initialized':
      return { issuerId: text(entry.data.issuerId) }
    case 'bundle.exported':
      return { bundle: entry.data.seq, files: entry.data.files, full: entry.data.full }
    case 'station.exported':
      return { awards: entry.data.awards }
    case 'station.merged':
      return {
        fromStation: text(entry.data.stationId),
        added: entry.data.added,
        revoked: entry.data.revoked
      }
    case 'desk.refused':
      return { wrongTries: entry.data.wrongTries }
    default:
      return {}
  }
}

function operatorOf(entry: JournalEntry): string | undefined {
  switch (entry.type) {
    case 'award.issued':
      return text(entry.data.award.operator)
    case 'award.revoked':
    case 'rule.run':
    case 'checkin.imported':
      return text(entry.data.operator)
    default:
      return undefined
  }
}

export class JournalIndex extends CheckpointedBase {
  readonly checkpointKey = 'ruleRuns'
  /** Ids of awards issued by rule runs (automatic awards). */
  readonly automaticAwardIds = new Set<string>()
  readonly ruleRuns: RuleRunFact[] = []
  /** One row per journal entry, oldest first (built when first asked for). */
  #rows: AuditRow[] | undefined
  readonly #kept = new KeptEntries((e) => e.type === 'rule.run')

  protected write(): string {
    return this.#kept.snapshot()
  }

  protected read(text: string): boolean {
    const entries = KeptEntries.parse(text)
    if (!entries) return false
    for (const e of entries) this.#applyRuleRun(e)
    return true
  }

  /** The audit rows, oldest first; `history` streams the journal the first time. */
  auditRows(history: () => Iterable<JournalEntry>): readonly AuditRow[] {
    this.ready()
    if (!this.#rows) {
      const rows: AuditRow[] = []
      for (const entry of history()) rows.push(auditRow(entry))
      this.#rows = rows
    }
    return this.#rows
  }

  protected applyEntry(entry: JournalEntry): void {
    this.#applyRuleRun(entry)
    this.#rows?.push(auditRow(entry))
  }

  #applyRuleRun(entry: JournalEntry): void {
    if (entry.type === 'rule.run') {
      this.#kept.keep(entry)
      const data = entry.data
      if (!data.dryRun) for (const id of data.awardIds) this.automaticAwardIds.add(id)
      this.ruleRuns.push({
        ts: entry.ts,
        ruleId: data.ruleId,
        ruleName: text(data.ruleName) ?? text(data.ruleId) ?? 'a rule',
        dryRun: data.dryRun,
        awarded: data.dryRun ? 0 : data.counts.awarded
      })
    }
  }
}

function auditRow(entry: JournalEntry): AuditRow {
  const operator = operatorOf(entry)
  return {
    seq: entry.seq,
    ts: entry.ts,
    station: entry.station,
    type: entry.type,
    ...(operator ? { operator } : {}),
    facts: factsOf(entry)
  }
}
