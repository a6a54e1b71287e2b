/**
 * The award ledger: what the station knows of every award, from the journal (the truth), kept in
 * compact columns — one small entry per award: id, name, e-mail, badge, date, status-list index,
 * and where its line lies in journal.ndjson. The signed credential and the rest of the record are
 * never held: `record(id)` and `credentialJson(id)` read the award's line again (its hash checked
 * against the chain). Checkpointed (awards/ledger-snapshot.ts) and restored on first use; the
 * lookup tables (by id, by e-mail, indexes in use) are built when a caller first needs them.
 */
import type { Award, AwardStatus } from '../../../shared/types.js'
import type { JournalEntry } from '../journal/registry.js'
import {
  CheckpointedBase,
  type LineAt,
  type SideSnapshot,
  type SnapshotSource
} from '../journal/projection.js'
import { statusListOf, type AwardIssuedData, type AwardRecord } from '../journal/events/awards.js'
import { StatusSlots } from '../status/status-slots.js'
import { foldText } from '../csv/columns.js'
import { logger } from '../logger.js'
import { normaliseEmail } from '../../../shared/email.js'
import {
  encodeNumbers,
  ledgerSnapshotSchema,
  type LedgerSnapshot,
  type LedgerSnapshotText
} from './ledger-snapshot.js'
import {
  decodeLedgerColumns,
  encodeLedgerColumns,
  isLedgerColumns,
  type LedgerColumns
} from './ledger-columns.js'
import { LedgerLookups } from './ledger-lookups.js'

export type { AwardIssuedData, AwardRecord, AwardRevokedData } from '../journal/events/awards.js'

/** What the ledger holds of an award in memory (the rest is read from the journal). */
export type AwardBrief = Readonly<{
  id: string
  badgeId: string
  badgeVersion: number
  recipientName: string
  recipientEmail: string
  awardedDate: string
  validUntil?: string
  statusIndex: number
  stationId: string
  replacesAwardId?: string
}>

export type Revocation = Readonly<{ revokedAt: string; reason: string; operator?: string }>

/** Reads an award's journal line again (the station's journal, hash-checked). */
export type EntryReader = (seq: number, at: LineAt) => JournalEntry

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

type Columns = {
  badges: string[]
  stations: string[]
  ids: string[]
  names: string[]
  emails: string[]
  badge: number[]
  badgeVersion: number[]
  station: number[]
  awarded: string[]
  statusIndex: number[]
  statusList: number[]
  seq: number[]
  start: number[]
  length: number[]
  validUntil: Map<number, string>
  replaces: Map<number, string>
  replacedBy: Map<number, string>
  revoked: Map<number, Revocation>
}

function emptyColumns(): Columns {
  return {
    badges: [],
    stations: [],
    ids: [],
    names: [],
    emails: [],
    badge: [],
    badgeVersion: [],
    station: [],
    awarded: [],
    statusIndex: [],
    statusList: [],
    seq: [],
    start: [],
    length: [],
    validUntil: new Map(),
    replaces: new Map(),
    replacedBy: new Map(),
    revoked: new Map()
  }
}

export class AwardLedger extends CheckpointedBase {
  readonly checkpointKey = 'awards'
  override readonly lazy = true
  #c: Columns = emptyColumns()
  #badgeNo = new Map<string, number>()
  #stationNo = new Map<string, number>()
  #perBadge = new Map<string, { count: number; last: string }>()
  #lookups = new LedgerLookups()
  /**
   * This station's status-list entries (list, index): taken and revoked. Awards merged from
   * another station (their record names that station) live in that station's lists, not here.
   */
  #slots = new StatusSlots()
  readonly #read: EntryReader | undefined
  #savedSearch: (() => Buffer | undefined) | undefined

  /** `read`: the station's journal (record, credential); absent in tests of the pure index. */
  constructor(read?: EntryReader) {
    super()
    this.#read = read
  }

  protected applyEntry(entry: JournalEntry, at: LineAt): void {
    if (entry.type === 'award.issued') {
      const record = entry.data.award
      const known = this.#lookups.rowOf(this.#c, record.id) !== undefined
      this.#issued(entry.data, entry.seq, at)
      if (!known && record.stationId === entry.station) this.#slots.use(slotOf(record))
    } else if (entry.type === 'award.revoked') {
      const data = entry.data
      const row = this.#lookups.rowOf(this.#c, data.awardId)
      if (row === undefined || this.#c.revoked.has(row)) return
      this.#c.revoked.set(row, {
        revokedAt: data.revokedAt,
        reason: data.reason,
        ...(data.operator ? { operator: data.operator } : {})
      })
      if (this.#c.stations[this.#c.station[row] ?? 0] === entry.station) {
        this.#slots.revoke(
          { list: this.#c.statusList[row] ?? 1, index: this.#c.statusIndex[row] ?? 0 },
          data.revokedAt
        )
      }
    }
  }

  #issued(data: AwardIssuedData, seq: number, at: LineAt): void {
    const r = data.award
    const c = this.#c
    // An award already known (a merge that brought it twice) is not counted again.
    if (this.#lookups.rowOf(c, r.id) !== undefined) return
    const row = c.ids.length
    c.ids.push(r.id)
    c.names.push(r.recipientName)
    c.emails.push(r.recipientEmail)
    c.badge.push(intern(r.badgeId, c.badges, this.#badgeNo))
    c.badgeVersion.push(r.badgeVersion)
    c.station.push(intern(r.stationId, c.stations, this.#stationNo))
    c.awarded.push(r.awardedDate)
    c.statusIndex.push(r.statusIndex)
    c.statusList.push(statusListOf(r))
    c.seq.push(seq)
    c.start.push(at.start)
    c.length.push(at.length)
    if (r.validUntil) c.validUntil.set(row, r.validUntil)
    if (r.replacesAwardId) {
      c.replaces.set(row, r.replacesAwardId)
      const old = this.#lookups.rowOf(c, r.replacesAwardId)
      if (old !== undefined) c.replacedBy.set(old, r.id)
    }
    this.#count(r.badgeId, r.awardedDate)
    this.#lookups.added(c, row)
  }

  #count(badgeId: string, awarded: string): void {
    const stats = this.#perBadge.get(badgeId) ?? { count: 0, last: '' }
    stats.count += 1
    if (awarded > stats.last) stats.last = awarded
    this.#perBadge.set(badgeId, stats)
  }

  /** Binary columns (awards/ledger-columns.ts); JSON only if UTF-8 cannot hold a value. */
  protected write(): string | Buffer {
    const c = this.#c
    const binary = encodeLedgerColumns({
      badges: c.badges,
      stations: c.stations,
      ids: c.ids,
      names: c.names,
      emails: c.emails,
      badge: c.badge,
      badgeVersion: c.badgeVersion,
      station: c.station,
      awarded: c.awarded,
      statusIndex: c.statusIndex,
      statusList: c.statusList,
      slots: [...this.#slots.snapshot()],
      seq: c.seq,
      start: c.start,
      length: c.length,
      validUntil: [...c.validUntil],
      replaces: [...c.replaces],
      replacedBy: [...c.replacedBy],
      revoked: revokedRows(c.revoked)
    })
    return binary ?? this.#writeJson()
  }

  #writeJson(): string {
    const c = this.#c
    const snapshot: LedgerSnapshotText = {
      v: 1,
      badges: c.badges,
      stations: c.stations,
      ids: c.ids,
      names: c.names,
      emails: c.emails,
      badge: encodeNumbers(c.badge, 'u32'),
      badgeVersion: encodeNumbers(c.badgeVersion, 'u32'),
      station: encodeNumbers(c.station, 'u32'),
      awarded: c.awarded,
      statusIndex: encodeNumbers(c.statusIndex, 'u32'),
      statusList: encodeNumbers(c.statusList, 'u32'),
      slots: [...this.#slots.snapshot()],
      seq: encodeNumbers(c.seq, 'u32'),
      start: encodeNumbers(c.start, 'f64'),
      length: encodeNumbers(c.length, 'u32'),
      validUntil: [...c.validUntil],
      replaces: [...c.replaces],
      replacedBy: [...c.replacedBy],
      revoked: revokedRows(c.revoked)
    }
    return JSON.stringify(snapshot)
  }

  protected override readBytes(bytes: Buffer): boolean {
    if (!isLedgerColumns(bytes)) return this.read(bytes.toString('utf8'))
    const columns = decodeLedgerColumns(bytes)
    if (!columns) return false
    this.#take(columns)
    return true
  }

  /** Format 1 (JSON; written before the binary columns, or when UTF-8 cannot hold a value). */
  protected read(text: string): boolean {
    const parsed = ledgerSnapshotSchema.safeParse(JSON.parse(text))
    if (!parsed.success) return false
    this.#take(parsed.data)
    return true
  }

  #take(columns: LedgerColumns | LedgerSnapshot): void {
    const { slots, ...s } = columns
    const c: Columns = {
      ...s,
      validUntil: new Map(s.validUntil),
      replaces: new Map(s.replaces),
      replacedBy: new Map(s.replacedBy),
      revoked: new Map(
        s.revoked.map(([row, revokedAt, reason, operator]) => [
          row,
          { revokedAt, reason, ...(operator !== undefined ? { operator } : {}) }
        ])
      )
    }
    this.#c = c
    this.#badgeNo = new Map(c.badges.map((b, i) => [b, i]))
    this.#stationNo = new Map(c.stations.map((b, i) => [b, i]))
    this.#perBadge = new Map()
    for (let row = 0; row < c.ids.length; row++) {
      this.#count(c.badges[c.badge[row] ?? 0] ?? '', c.awarded[row] ?? '')
    }
    this.#lookups = new LedgerLookups(this.#savedSearch)
    this.#slots = StatusSlots.restore(slots)
  }

  /** The checkpoint's saved search text goes with its columns (used only if they are). */
  override restoreFrom(source: SnapshotSource): void {
    super.restoreFrom(source)
    this.#savedSearch = () => source.side('search')
  }

  /** The folded search text, so a search after the next open folds nothing. */
  sideSnapshots(): readonly SideSnapshot[] {
    this.ready()
    return [{ name: 'search', text: this.#lookups.savedSearch(this.#c) }]
  }

  override checkpointCounts(): Readonly<Record<string, number>> {
    return { awards: this.size, emails: this.recipientCount() }
  }

  get size(): number {
    const saved = this.savedCount('awards')
    if (saved !== undefined) return saved
    this.ready()
    return this.#c.ids.length
  }

  /** This station's status-list entries, taken and revoked (the bits of its published lists). */
  get statusSlots(): StatusSlots {
    this.ready()
    return this.#slots
  }

  badgeStats(badgeId: string): { count: number; last?: string } {
    this.ready()
    const stats = this.#perBadge.get(badgeId)
    return stats ? { count: stats.count, last: stats.last } : { count: 0 }
  }

  /** The unrevoked award of this badge held by this (normalised) e-mail, if any. */
  heldBy(badgeId: string, email: string): string | undefined {
    this.ready()
    const c = this.#c
    const badge = this.#badgeNo.get(badgeId)
    if (badge === undefined) return undefined
    for (const row of this.#lookups.rowsOfEmail(c, normaliseEmail(email))) {
      if (c.badge[row] === badge && !c.revoked.has(row)) return c.ids[row]
    }
    return undefined
  }

  awardCountFor(emails: readonly string[]): number {
    this.ready()
    let n = 0
    for (const e of new Set(emails.map(normaliseEmail))) {
      n += this.#lookups.rowsOfEmail(this.#c, e).length
    }
    return n
  }

  /** What memory holds of an award (no journal read). */
  brief(id: string): AwardBrief | undefined {
    this.ready()
    const row = this.#lookups.rowOf(this.#c, id)
    return row === undefined ? undefined : this.#brief(row)
  }

  #brief(row: number): AwardBrief {
    const c = this.#c
    const validUntil = c.validUntil.get(row)
    const replaces = c.replaces.get(row)
    return {
      id: c.ids[row] ?? '',
      badgeId: c.badges[c.badge[row] ?? 0] ?? '',
      badgeVersion: c.badgeVersion[row] ?? 1,
      recipientName: c.names[row] ?? '',
      recipientEmail: c.emails[row] ?? '',
      awardedDate: c.awarded[row] ?? '',
      ...(validUntil !== undefined ? { validUntil } : {}),
      statusIndex: c.statusIndex[row] ?? 0,
      stationId: c.stations[c.station[row] ?? 0] ?? '',
      ...(replaces !== undefined ? { replacesAwardId: replaces } : {})
    }
  }

  /** The full record, read from the award's journal line (hash-checked). */
  record(id: string): AwardRecord | undefined {
    return this.#issuedData(id)?.award
  }

  #issuedData(id: string): AwardIssuedData | undefined {
    this.ready()
    const row = this.#lookups.rowOf(this.#c, id)
    return row === undefined ? undefined : this.#issuedAt(row, id)
  }

  /** The award's line at `row`, read again (no lookup by id: a list knows its rows). */
  #issuedAt(row: number, id: string): AwardIssuedData | undefined {
    const c = this.#c
    if (!this.#read) return undefined
    const entry = this.#read(c.seq[row] ?? 0, {
      start: c.start[row] ?? 0,
      length: c.length[row] ?? 0
    })
    return entry.type === 'award.issued' && entry.data.award.id === id ? entry.data : undefined
  }

  isRevoked(id: string): boolean {
    this.ready()
    const row = this.#lookups.rowOf(this.#c, id)
    return row !== undefined && this.#c.revoked.has(row)
  }

  revocation(id: string): Revocation | undefined {
    this.ready()
    const row = this.#lookups.rowOf(this.#c, id)
    return row === undefined ? undefined : this.#c.revoked.get(row)
  }

  /** The record and the signed credential (JSON text), from one read of the award's line. */
  issued(id: string): Readonly<{ record: AwardRecord; credentialJson: string }> | undefined {
    const data = this.#issuedData(id)
    if (!data) return undefined
    return {
      record: data.award,
      credentialJson: data.credentialJson ?? JSON.stringify(data.credential ?? {})
    }
  }

  /** The signed credential exactly as journaled (JSON text), read from its line. */
  credentialJson(id: string): string | undefined {
    const data = this.#issuedData(id)
    if (!data) return undefined
    return data.credentialJson ?? JSON.stringify(data.credential ?? {})
  }

  credential(id: string): Record<string, unknown> | undefined {
    const json = this.credentialJson(id)
    return json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>)
  }

  /** Award ids in journal order (oldest first). */
  ids(): readonly string[] {
    this.ready()
    return this.#c.ids
  }

  recipientCount(): number {
    const saved = this.savedCount('emails')
    if (saved !== undefined) return saved
    this.ready()
    return this.#lookups.emailCount(this.#c)
  }

  view(id: string, now: Date = new Date()): Award | undefined {
    const record = this.record(id)
    const row = this.#lookups.rowOf(this.#c, id)
    return record && row !== undefined ? this.#toAward(record, row, now) : undefined
  }

  /** Newest first, filtered; `total` counts matches before limit/offset. */
  query(q: AwardQuery = {}): { awards: Award[]; total: number } {
    this.ready()
    const c = this.#c
    const now = q.now ?? new Date()
    const words = foldText(q.query ?? '')
      .split(/\s+/)
      .filter((w) => w !== '')
    const emails = q.emails ? new Set(q.emails.map(normaliseEmail)) : undefined
    const badge = q.badgeId === undefined ? undefined : this.#badgeNo.get(q.badgeId)
    if (q.badgeId !== undefined && badge === undefined) return { awards: [], total: 0 }
    const offset = q.offset ?? 0
    const limit = q.limit ?? Number.POSITIVE_INFINITY
    const candidates =
      words.length > 0 ? this.#lookups.search(c, words, q.badgeNames) : descending(c.ids.length)
    const awards: Award[] = []
    let total = 0
    for (const row of candidates) {
      if (badge !== undefined && c.badge[row] !== badge) continue
      if (emails && !emails.has(normaliseEmail(c.emails[row] ?? ''))) continue
      if (q.status && this.#status(row, now) !== q.status) continue
      total++
      if (total > offset && awards.length < limit) awards.push(this.#listed(row, now))
    }
    return { awards, total }
  }

  list(now: Date = new Date()): Award[] {
    return this.query({ now }).awards
  }

  /** Every award's brief, newest last (whole-ledger work that needs no journal read). */
  *briefs(): Generator<AwardBrief> {
    this.ready()
    for (let row = 0; row < this.#c.ids.length; row++) yield this.#brief(row)
  }

  /** The same with each award's revocation (no lookup by id: analytics over a million awards). */
  *scan(): Generator<AwardBrief & Readonly<{ revocation?: Revocation }>> {
    this.ready()
    const revoked = this.#c.revoked
    for (let row = 0; row < this.#c.ids.length; row++) {
      const revocation = revoked.get(row)
      yield revocation ? { ...this.#brief(row), revocation } : this.#brief(row)
    }
  }

  /** The status of an award without reading its line. */
  status(id: string, now: Date = new Date()): AwardStatus | undefined {
    this.ready()
    const row = this.#lookups.rowOf(this.#c, id)
    return row === undefined ? undefined : this.#status(row, now)
  }

  #status(row: number, now: Date): AwardStatus {
    const c = this.#c
    return statusAt(c.validUntil.get(row), c.revoked.get(row)?.revokedAt, now)
  }

  /**
   * An award of a list: its record read from the journal; if its line can no longer be read (the
   * journal was damaged; the station then refuses changes), what memory holds, so lists still show.
   */
  #listed(row: number, now: Date): Award {
    const brief = this.#brief(row)
    let record: AwardRecord | undefined
    try {
      record = this.#issuedAt(row, brief.id)?.award
    } catch (error) {
      logger.warn(`award ${brief.id}: ${error instanceof Error ? error.message : String(error)}`)
    }
    return this.#toAward(
      record ?? { ...brief, salt: '', credentialId: '', validFrom: brief.awardedDate },
      row,
      now
    )
  }

  #toAward(r: AwardRecord, row: number, now: Date): Award {
    const revocation = this.#c.revoked.get(row)
    const replacedBy = this.#c.replacedBy.get(row)
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
      status: this.#status(row, now),
      ...(revocation ? { revokedAt: revocation.revokedAt } : {}),
      ...(revocation?.reason ? { revocationReason: revocation.reason } : {}),
      ...(revocation?.operator ? { revokedBy: revocation.operator } : {}),
      stationId: r.stationId,
      ...(r.operator ? { operator: r.operator } : {}),
      ...(r.recipientId ? { recipientId: r.recipientId } : {}),
      ...(r.narrative ? { narrative: r.narrative } : {}),
      ...(r.evidenceUrl ? { evidenceUrl: r.evidenceUrl } : {}),
      ...(r.replacesAwardId ? { replacesAwardId: r.replacesAwardId } : {}),
      ...(replacedBy ? { replacedByAwardId: replacedBy } : {})
    }
  }
}

function revokedRows(
  revoked: ReadonlyMap<number, Revocation>
): ([number, string, string] | [number, string, string, string])[] {
  return [...revoked].map(([row, r]) =>
    r.operator === undefined
      ? [row, r.revokedAt, r.reason]
      : [row, r.revokedAt, r.reason, r.operator]
  )
}

/** Where an award's status bit is: its list (1 for records from before rollover) and index. */
export function slotOf(record: AwardRecord): { list: number; index: number } {
  return { list: statusListOf(record), index: record.statusIndex }
}

function intern(value: string, table: string[], numbers: Map<string, number>): number {
  let n = numbers.get(value)
  if (n === undefined) {
    n = table.length
    table.push(value)
    numbers.set(value, n)
  }
  return n
}

function* descending(n: number): Generator<number> {
  for (let row = n - 1; row >= 0; row--) yield row
}

export function statusAt(
  validUntil: string | undefined,
  revokedAt: string | undefined,
  now: Date
): AwardStatus {
  if (revokedAt) return 'revoked'
  const until = validUntil ? Date.parse(validUntil) : undefined
  if (until !== undefined && until <= now.getTime()) return 'expired'
  if (until !== undefined && until - now.getTime() <= 30 * DAY) return 'expiring'
  return 'active'
}
