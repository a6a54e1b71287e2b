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
  decodeLedgerHeader,
  encodeLedgerHeader,
  isLedgerColumns,
  isLedgerHeader,
  LEDGER_NUMBER_COLUMNS,
  LEDGER_STRING_COLUMNS,
  type LedgerColumnName,
  type LedgerColumns,
  type LedgerHeader
} from './ledger-columns.js'
import { LedgerLookups } from './ledger-lookups.js'
import { NumberColumn, StringColumn } from './ledger-store.js'

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

/** What the site shows of an award's row (AwardBrief without the recipient's name and e-mail). */
export type SiteRow = Omit<
  AwardBrief,
  'recipientName' | 'recipientEmail' | 'statusIndex' | 'replacesAwardId'
>

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
  ids: StringColumn
  names: StringColumn
  emails: StringColumn
  badge: NumberColumn
  badgeVersion: NumberColumn
  station: NumberColumn
  awarded: StringColumn
  statusIndex: NumberColumn
  statusList: NumberColumn
  seq: NumberColumn
  start: NumberColumn
  length: NumberColumn
  validUntil: Map<number, string>
  replaces: Map<number, string>
  replacedBy: Map<number, string>
  revoked: Map<number, Revocation>
}

/** Columns of `n` rows held in checkpoint sections not read yet (n = 0: empty, in memory). */
function emptyColumns(n = 0): Columns {
  return {
    badges: [],
    stations: [],
    ids: new StringColumn(n),
    names: new StringColumn(n),
    emails: new StringColumn(n),
    badge: new NumberColumn('u32', n),
    badgeVersion: new NumberColumn('u32', n),
    station: new NumberColumn('u32', n),
    awarded: new StringColumn(n),
    statusIndex: new NumberColumn('u32', n),
    statusList: new NumberColumn('u32', n),
    seq: new NumberColumn('u32', n),
    start: new NumberColumn('f64', n),
    length: new NumberColumn('u32', n),
    validUntil: new Map(),
    replaces: new Map(),
    replacedBy: new Map(),
    revoked: new Map()
  }
}

const ALL_COLUMNS: readonly LedgerColumnName[] = [
  ...LEDGER_NUMBER_COLUMNS.map(([name]) => name),
  ...LEDGER_STRING_COLUMNS
]

/** What analytics reads (analytics/summary.ts): columns, no object per award. */
export type LedgerTable = Readonly<{
  rows: number
  badges: readonly string[]
  badge: (row: number) => number
  awarded: readonly string[]
  replaces: ReadonlyMap<number, string>
  revoked: ReadonlyMap<number, Revocation>
  validUntil: ReadonlyMap<number, string>
  /** The id and name of a row (loaded only when the table was asked for them). */
  id: (row: number) => string
  name: (row: number) => string
  rowOf: (id: string) => number | undefined
  /** Distinct e-mails (as written) among the rows marked 1. */
  distinctEmails: (marked: Uint8Array) => number
}>

export class AwardLedger extends CheckpointedBase {
  readonly checkpointKey = 'awards'
  override readonly lazy = true
  protected override readonly reads = new Set(['award.issued', 'award.revoked'])
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
  /** Where the checkpoint's other sections are read from (the columns, the lookups). */
  #source: SnapshotSource | undefined
  /** Rows of the checkpoint (format 3) and their distinct e-mails, while no row came after. */
  #baseRows = 0
  #baseEmails = 0
  /** The columns' sections, made by the last `write` for `sideSnapshots`. */
  #columnSides: SideSnapshot[] | undefined

  /** `read`: the station's journal (record, credential); absent in tests of the pure index. */
  constructor(read?: EntryReader) {
    super()
    this.#read = read
  }

  /**
   * Loads the columns a method reads, before it reads any. A column's section that is missing,
   * changed (its SHA-256) or does not fit is refused: the ledger is then rebuilt from the journal
   * (false: callers applying an entry stop, the rebuild applied it).
   */
  #need(...names: readonly LedgerColumnName[]): boolean {
    const c = this.#c
    for (const name of names) {
      const column = c[name]
      if (column.loaded) continue
      const bytes = this.#source?.side(name)
      if (!bytes || !this.#load(name, bytes)) {
        this.#reset()
        this.rebuildFromJournal(
          bytes ? `its ${name} column does not fit` : `its ${name} column is missing or was changed`
        )
        return false
      }
    }
    return true
  }

  #load(name: LedgerColumnName, bytes: Buffer): boolean {
    const c = this.#c
    switch (name) {
      case 'ids':
        return c.ids.load(bytes, true)
      case 'names':
      case 'emails':
      case 'awarded':
        return c[name].load(bytes)
      case 'badge':
        return c.badge.load(bytes, (v) => v < c.badges.length)
      case 'station':
        return c.station.load(bytes, (v) => v < c.stations.length)
      case 'badgeVersion':
      case 'statusList':
      case 'seq':
        return c[name].load(bytes, (v) => v > 0)
      case 'start':
        return c.start.load(bytes, (v) => Number.isSafeInteger(v) && v >= 0)
      case 'statusIndex':
      case 'length':
        return c[name].load(bytes)
    }
  }

  #reset(): void {
    this.#c = emptyColumns()
    this.#badgeNo = new Map()
    this.#stationNo = new Map()
    this.#perBadge = new Map()
    this.#lookups = new LedgerLookups()
    this.#slots = new StatusSlots()
    this.#source = undefined
    this.#baseRows = 0
    this.#baseEmails = 0
  }

  /**
   * The row of an award id: from what memory holds when it can tell (a row added since the
   * checkpoint; an id the saved index does not hold), else from the id column, loaded now.
   * null: loading it was refused and the ledger rebuilt (an entry being applied is in already).
   */
  #row(id: string): number | undefined | null {
    const quick = this.#lookups.quickRow(this.#c, id)
    if (quick !== 'check') return quick
    if (!this.#need('ids')) return null
    return this.#lookups.rowOf(this.#c, id)
  }

  #rowOf(id: string): number | undefined {
    this.ready()
    const row = this.#row(id)
    return row === null ? this.#lookups.rowOf(this.#c, id) : row
  }

  protected applyEntry(entry: JournalEntry, at: LineAt): void {
    if (entry.type === 'award.issued') {
      const record = entry.data.award
      const known = this.#row(record.id)
      // An award already known (a merge that brought it twice) is not counted again.
      if (known !== undefined) return
      const replaced = record.replacesAwardId ? this.#row(record.replacesAwardId) : undefined
      if (replaced === null) return
      this.#issued(entry.data, entry.seq, at, replaced)
      if (record.stationId === entry.station) this.#slots.use(slotOf(record))
    } else if (entry.type === 'award.revoked') {
      const data = entry.data
      const row = this.#row(data.awardId)
      if (row === null || row === undefined || this.#c.revoked.has(row)) return
      if (!this.#need('station', 'statusList', 'statusIndex')) return
      const c = this.#c
      c.revoked.set(row, {
        revokedAt: data.revokedAt,
        reason: data.reason,
        ...(data.operator ? { operator: data.operator } : {})
      })
      if (c.stations[c.station.at(row)] === entry.station) {
        this.#slots.revoke(
          { list: c.statusList.at(row), index: c.statusIndex.at(row) },
          data.revokedAt
        )
      }
    }
  }

  /** A new award's row (`replaced`: the row of the award it replaces, if known). */
  #issued(data: AwardIssuedData, seq: number, at: LineAt, replaced: number | undefined): void {
    const r = data.award
    const c = this.#c
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
      if (replaced !== undefined) c.replacedBy.set(replaced, r.id)
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

  /**
   * Format 3: this section is the small header, each column its own section (`sideSnapshots`);
   * format 1 (JSON, everything in this section) only if UTF-8 cannot hold a value.
   */
  protected write(): string | Buffer {
    this.#need(...ALL_COLUMNS)
    const c = this.#c
    const sides: SideSnapshot[] = []
    for (const name of ALL_COLUMNS) {
      const bytes = c[name].bytes()
      if (!bytes) {
        this.#columnSides = []
        return this.#writeJson()
      }
      sides.push({ name, text: bytes })
    }
    this.#columnSides = sides
    return encodeLedgerHeader({
      n: c.ids.length,
      badges: c.badges,
      stations: c.stations,
      slots: [...this.#slots.snapshot()],
      validUntil: [...c.validUntil],
      replaces: [...c.replaces],
      replacedBy: [...c.replacedBy],
      revoked: revokedRows(c.revoked),
      perBadge: c.badges.map((b) => {
        const stats = this.#perBadge.get(b)
        return [stats?.count ?? 0, stats?.last ?? '']
      }),
      emails: this.recipientCount()
    })
  }

  #writeJson(): string {
    const c = this.#c
    const snapshot: LedgerSnapshotText = {
      v: 1,
      badges: c.badges,
      stations: c.stations,
      ids: [...c.ids.all()],
      names: [...c.names.all()],
      emails: [...c.emails.all()],
      badge: encodeNumbers(numbers(c.badge), 'u32'),
      badgeVersion: encodeNumbers(numbers(c.badgeVersion), 'u32'),
      station: encodeNumbers(numbers(c.station), 'u32'),
      awarded: [...c.awarded.all()],
      statusIndex: encodeNumbers(numbers(c.statusIndex), 'u32'),
      statusList: encodeNumbers(numbers(c.statusList), 'u32'),
      slots: [...this.#slots.snapshot()],
      seq: encodeNumbers(numbers(c.seq), 'u32'),
      start: encodeNumbers(numbers(c.start), 'f64'),
      length: encodeNumbers(numbers(c.length), 'u32'),
      validUntil: [...c.validUntil],
      replaces: [...c.replaces],
      replacedBy: [...c.replacedBy],
      revoked: revokedRows(c.revoked)
    }
    return JSON.stringify(snapshot)
  }

  protected override readBytes(bytes: Buffer): boolean {
    if (isLedgerHeader(bytes)) {
      const header = decodeLedgerHeader(bytes)
      if (!header) return false
      this.#takeHeader(header)
      return true
    }
    // Formats 2 (binary, one section) and 1 (JSON): read whole, written again at the next close.
    this.outdated()
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

  /** Format 3: the small parts now, each column when first needed (`#need`). */
  #takeHeader(h: LedgerHeader): void {
    const c = emptyColumns(h.n)
    c.badges = h.badges
    c.stations = h.stations
    c.validUntil = new Map(h.validUntil)
    c.replaces = new Map(h.replaces)
    c.replacedBy = new Map(h.replacedBy)
    c.revoked = revocations(h.revoked)
    this.#c = c
    this.#badgeNo = new Map(c.badges.map((b, i) => [b, i]))
    this.#stationNo = new Map(c.stations.map((b, i) => [b, i]))
    this.#perBadge = new Map()
    h.perBadge.forEach(([count, last], b) => {
      if (count > 0) this.#perBadge.set(h.badges[b] ?? '', { count, last })
    })
    this.#slots = StatusSlots.restore(h.slots)
    this.#baseRows = h.n
    this.#baseEmails = h.emails
    this.#lookups = this.#savedLookups(h.n)
  }

  #savedLookups(rows: number): LedgerLookups {
    const source = this.#source
    return new LedgerLookups(
      {
        search: () => source?.side('search'),
        byEmail: () => (rows === this.#baseRows ? source?.side('byEmail') : undefined),
        byId: () => (rows === this.#baseRows ? source?.side('byId') : undefined)
      },
      rows
    )
  }

  /** Formats 1 and 2: every column in memory. */
  #take(columns: LedgerColumns | LedgerSnapshot): void {
    const { slots, ...s } = columns
    const c: Columns = {
      badges: s.badges,
      stations: s.stations,
      ids: StringColumn.of(s.ids),
      names: StringColumn.of(s.names),
      emails: StringColumn.of(s.emails),
      badge: NumberColumn.of('u32', s.badge),
      badgeVersion: NumberColumn.of('u32', s.badgeVersion),
      station: NumberColumn.of('u32', s.station),
      awarded: StringColumn.of(s.awarded),
      statusIndex: NumberColumn.of('u32', s.statusIndex),
      statusList: NumberColumn.of('u32', s.statusList),
      seq: NumberColumn.of('u32', s.seq),
      start: NumberColumn.of('f64', s.start),
      length: NumberColumn.of('u32', s.length),
      validUntil: new Map(s.validUntil),
      replaces: new Map(s.replaces),
      replacedBy: new Map(s.replacedBy),
      revoked: revocations(s.revoked)
    }
    this.#c = c
    this.#badgeNo = new Map(c.badges.map((b, i) => [b, i]))
    this.#stationNo = new Map(c.stations.map((b, i) => [b, i]))
    this.#perBadge = new Map()
    for (let row = 0; row < s.ids.length; row++) {
      this.#count(c.badges[s.badge[row] ?? 0] ?? '', s.awarded[row] ?? '')
    }
    // The search text saved with format 2 ("kiln-search/1") still fits; no e-mail index was.
    const source = this.#source
    this.#lookups = new LedgerLookups(
      { search: () => source?.side('search'), byEmail: () => undefined },
      s.ids.length
    )
    this.#slots = StatusSlots.restore(slots)
  }

  /** The checkpoint's other sections (columns, lookups) go with its header. */
  override restoreFrom(source: SnapshotSource): void {
    super.restoreFrom(source)
    this.#source = source
  }

  /** The columns, the folded search text and the e-mail index, each in its own section. */
  sideSnapshots(): readonly SideSnapshot[] {
    this.ready()
    const columns = this.#columnSides ?? (this.write(), this.#columnSides ?? [])
    this.#columnSides = undefined
    this.#need('ids', 'names', 'emails')
    const search = this.#lookups.savedSearch(this.#c)
    const ids = columns.find((side) => side.name === 'ids')?.text
    return [
      ...columns,
      ...(search ? [{ name: 'search', text: search }] : []),
      { name: 'byEmail', text: this.#lookups.savedEmailIndex(this.#c) },
      ...(ids instanceof Buffer
        ? [{ name: 'byId', text: this.#lookups.savedIdIndex(ids, this.#c.ids.length) }]
        : [])
    ]
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

  /** Loads what an e-mail lookup reads (the saved index, or the e-mail column). */
  #needEmails(...more: readonly LedgerColumnName[]): boolean {
    this.ready()
    return this.#need(...more, ...(this.#lookups.emailsNeedColumn() ? (['emails'] as const) : []))
  }

  /** The unrevoked award of this badge held by this (normalised) e-mail, if any. */
  heldBy(badgeId: string, email: string): string | undefined {
    this.#needEmails('badge')
    const c = this.#c
    const badge = this.#badgeNo.get(badgeId)
    if (badge === undefined) return undefined
    for (const row of this.#lookups.rowsOfEmail(c, normaliseEmail(email))) {
      if (c.badge.at(row) !== badge || c.revoked.has(row)) continue
      // The id column only for an award found (rebuilt if refused: then ask again).
      return this.#need('ids') ? c.ids.at(row) : this.heldBy(badgeId, email)
    }
    return undefined
  }

  awardCountFor(emails: readonly string[]): number {
    this.#needEmails()
    let n = 0
    for (const e of new Set(emails.map(normaliseEmail))) {
      n += this.#lookups.rowsOfEmail(this.#c, e).length
    }
    return n
  }

  /** What memory holds of an award (no journal read). */
  brief(id: string): AwardBrief | undefined {
    this.ready()
    this.#need(...ALL_COLUMNS)
    const row = this.#rowOf(id)
    return row === undefined ? undefined : this.#brief(row)
  }

  #brief(row: number): AwardBrief {
    const c = this.#c
    const validUntil = c.validUntil.get(row)
    const replaces = c.replaces.get(row)
    return {
      id: c.ids.at(row),
      badgeId: c.badges[c.badge.at(row)] ?? '',
      badgeVersion: c.badgeVersion.at(row),
      recipientName: c.names.at(row),
      recipientEmail: c.emails.at(row),
      awardedDate: c.awarded.at(row),
      ...(validUntil !== undefined ? { validUntil } : {}),
      statusIndex: c.statusIndex.at(row),
      stationId: c.stations[c.station.at(row)] ?? '',
      ...(replaces !== undefined ? { replacesAwardId: replaces } : {})
    }
  }

  /**
   * Row-level access for an incremental export (it reads only the rows that changed): what the
   * site shows of a row, its revocation, the award that replaced it, the row of an id, the rows whose expiry
   * lies in (after, upTo], and the stations whose awards the ledger holds.
   */
  siteRowAt(row: number): SiteRow | undefined {
    this.ready()
    // Not the names nor the e-mails (the two large text columns an export does not need here).
    this.#need('ids', 'badge', 'badgeVersion', 'station', 'awarded')
    const c = this.#c
    if (row < 0 || row >= c.ids.length) return undefined
    const validUntil = c.validUntil.get(row)
    return {
      id: c.ids.at(row),
      badgeId: c.badges[c.badge.at(row)] ?? '',
      badgeVersion: c.badgeVersion.at(row),
      stationId: c.stations[c.station.at(row)] ?? '',
      awardedDate: c.awarded.at(row),
      ...(validUntil !== undefined ? { validUntil } : {})
    }
  }

  revocationAt(row: number): Revocation | undefined {
    this.ready()
    return this.#c.revoked.get(row)
  }

  replacedByAt(row: number): string | undefined {
    this.ready()
    return this.#c.replacedBy.get(row)
  }

  rowOf(id: string): number | undefined {
    return this.#rowOf(id)
  }

  rowsExpiringIn(after: string, upTo: string): number[] {
    this.ready()
    const rows: number[] = []
    for (const [row, until] of this.#c.validUntil) {
      if (until > after && until <= upTo) rows.push(row)
    }
    return rows
  }

  stationIds(): readonly string[] {
    this.ready()
    return this.#c.stations
  }

  /** The full record, read from the award's journal line (hash-checked). */
  record(id: string): AwardRecord | undefined {
    return this.#issuedData(id)?.award
  }

  #issuedData(id: string): AwardIssuedData | undefined {
    const row = this.#rowOf(id)
    if (row === undefined) return undefined
    // A row added since the checkpoint (the award just made) needs no saved column.
    if (row < this.#c.seq.baseRows && !this.#need('seq', 'start', 'length')) {
      return this.#issuedData(id)
    }
    return this.#issuedAt(row, id)
  }

  /**
   * The award's line at `row`, read again (no lookup by id: a list knows its rows). `id`: the
   * award's id when the caller knows it (a list does not read the id column).
   */
  #issuedAt(row: number, id: string | undefined): AwardIssuedData | undefined {
    const c = this.#c
    if (!this.#read) return undefined
    const entry = this.#read(c.seq.at(row), {
      start: c.start.at(row),
      length: c.length.at(row)
    })
    if (entry.type !== 'award.issued') return undefined
    return id === undefined || entry.data.award.id === id ? entry.data : undefined
  }

  isRevoked(id: string): boolean {
    const row = this.#rowOf(id)
    return row !== undefined && this.#c.revoked.has(row)
  }

  revocation(id: string): Revocation | undefined {
    const row = this.#rowOf(id)
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
    this.#need('ids')
    return this.#c.ids.all()
  }

  recipientCount(): number {
    const saved = this.savedCount('emails')
    if (saved !== undefined) return saved
    this.ready()
    if (this.#baseRows > 0 && this.#c.ids.length === this.#baseRows) return this.#baseEmails
    this.#needEmails()
    return this.#lookups.emailCount(this.#c)
  }

  view(id: string, now: Date = new Date()): Award | undefined {
    const record = this.record(id)
    const row = this.#rowOf(id)
    return record && row !== undefined ? this.#toAward(record, row, now) : undefined
  }

  /** Newest first, filtered; `total` counts matches before limit/offset. */
  query(q: AwardQuery = {}): { awards: Award[]; total: number } {
    this.ready()
    const now = q.now ?? new Date()
    const words = foldText(q.query ?? '')
      .split(/\s+/)
      .filter((w) => w !== '')
    const badge = q.badgeId === undefined ? undefined : this.#badgeNo.get(q.badgeId)
    if (q.badgeId !== undefined && badge === undefined) return { awards: [], total: 0 }
    const offset = q.offset ?? 0
    const limit = q.limit ?? Number.POSITIVE_INFINITY
    // Load every column this query reads first (see #need).
    const rows = this.#c.ids.length
    const badgeWords = words.some(
      (w) => LedgerLookups.badgesMatching(this.#c.badges, w, q.badgeNames).size > 0
    )
    const needs: LedgerColumnName[] = ['seq', 'start', 'length']
    if (badge !== undefined || badgeWords) needs.push('badge')
    if (words.length > 0 && this.#lookups.searchNeedsColumns(rows)) {
      needs.push('names', 'emails', 'ids')
    }
    if (q.emails && this.#lookups.emailsNeedColumn()) needs.push('emails')
    this.#need(...needs)
    const c = this.#c
    let candidates: Iterable<number>
    if (words.length > 0) candidates = this.#lookups.search(c, words, q.badgeNames)
    else if (q.emails) candidates = this.#rowsOfEmails(q.emails)
    else candidates = descending(c.ids.length)
    const ofEmails =
      q.emails && words.length > 0 ? new Set(this.#rowsOfEmails(q.emails)) : undefined
    const awards: Award[] = []
    let total = 0
    for (const row of candidates) {
      if (badge !== undefined && c.badge.at(row) !== badge) continue
      if (ofEmails && !ofEmails.has(row)) continue
      if (q.status && this.#status(row, now) !== q.status) continue
      total++
      if (total > offset && awards.length < limit) awards.push(this.#listed(row, now))
    }
    return { awards, total }
  }

  /** Rows of awards to these e-mails (normalised), newest first. */
  #rowsOfEmails(emails: readonly string[]): number[] {
    const rows = new Set<number>()
    for (const e of new Set(emails.map(normaliseEmail))) {
      for (const row of this.#lookups.rowsOfEmail(this.#c, e)) rows.add(row)
    }
    return [...rows].sort((a, b) => b - a)
  }

  list(now: Date = new Date()): Award[] {
    return this.query({ now }).awards
  }

  /** Every award's brief, newest last (whole-ledger work that needs no journal read). */
  *briefs(): Generator<AwardBrief> {
    this.ready()
    this.#need(...ALL_COLUMNS)
    this.#allStrings()
    for (let row = 0; row < this.#c.ids.length; row++) yield this.#brief(row)
  }

  /** The same with each award's revocation. */
  *scan(): Generator<AwardBrief & Readonly<{ revocation?: Revocation }>> {
    this.ready()
    this.#need(...ALL_COLUMNS)
    this.#allStrings()
    const revoked = this.#c.revoked
    for (let row = 0; row < this.#c.ids.length; row++) {
      const revocation = revoked.get(row)
      yield revocation ? { ...this.#brief(row), revocation } : this.#brief(row)
    }
  }

  /** Whole-ledger work reads every value: decoded once per column, not once per row. */
  #allStrings(): void {
    const c = this.#c
    for (const column of [c.ids, c.names, c.emails, c.awarded]) column.all()
  }

  /**
   * The columns analytics reads (analytics/summary.ts), loaded once: ids and names only when
   * some award is revoked or expires (their rows are named), or `ids` (automatic awards) asks.
   */
  table(options: Readonly<{ ids?: boolean }> = {}): LedgerTable {
    this.ready()
    const sparse = this.#c.revoked.size > 0 || this.#c.validUntil.size > 0
    const needs: LedgerColumnName[] = ['badge', 'awarded']
    if (options.ids || sparse) needs.push('ids')
    if (this.#c.validUntil.size > 0) needs.push('names')
    const probe = this.#c
    if (this.#lookups.distinctNeedsColumn({ ...probe })) needs.push('emails')
    this.#need(...needs)
    const c = this.#c
    const lookups = this.#lookups
    return {
      rows: c.ids.length,
      badges: c.badges,
      badge: (row) => c.badge.at(row),
      awarded: c.awarded.all(),
      replaces: c.replaces,
      revoked: c.revoked,
      validUntil: c.validUntil,
      id: (row) => c.ids.at(row),
      name: (row) => c.names.at(row),
      rowOf: (id) => this.#rowOf(id),
      distinctEmails: (marked) => lookups.distinctEmails(c, marked)
    }
  }

  /** The status of an award without reading its line. */
  status(id: string, now: Date = new Date()): AwardStatus | undefined {
    const row = this.#rowOf(id)
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
    let record: AwardRecord | undefined
    try {
      record = this.#issuedAt(row, this.#c.ids.loaded ? this.#c.ids.at(row) : undefined)?.award
    } catch (error) {
      this.#need(...ALL_COLUMNS)
      logger.warn(
        `award ${this.#c.ids.at(row)}: ${error instanceof Error ? error.message : String(error)}`
      )
    }
    if (!record) {
      this.#need(...ALL_COLUMNS)
      const brief = this.#brief(row)
      record = { ...brief, salt: '', credentialId: '', validFrom: brief.awardedDate }
    }
    return this.#toAward(record, row, now)
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

function revocations(
  rows: readonly (readonly [number, string, string, (string | undefined)?])[]
): Map<number, Revocation> {
  return new Map(
    rows.map(([row, revokedAt, reason, operator]) => [
      row,
      { revokedAt, reason, ...(operator !== undefined ? { operator } : {}) }
    ])
  )
}

function numbers(column: NumberColumn): number[] {
  return Array.from({ length: column.length }, (_, row) => column.at(row))
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
