/**
 * The recipient book: people awards go to, rebuilt from the journal at open
 * (recipient.added / recipient.updated / recipient.merged) and kept current on append.
 * E-mails are stored as written (trimmed and lower-cased) and looked up by their normalised
 * form (shared/email.ts: NFC too, so records written before NFC match); one e-mail belongs to
 * one recipient.
 */
import type { Recipient } from '../../../shared/types.js'
import type { JournalEntry } from '../journal/registry.js'
import { CheckpointedBase } from '../journal/projection.js'
import { bookRow, bookSnapshotSchema, type BookSnapshot } from './book-snapshot.js'
import type {
  RecipientMergedData,
  RecipientRecord,
  RecipientUpdatedData
} from '../journal/events/recipients.js'
import { foldText } from '../csv/columns.js'
import { normaliseEmail } from '../../../shared/email.js'
import { encodeBook, isBookColumns, SavedBook, type BookRecord } from './book-columns.js'

export type {
  RecipientAddedData,
  RecipientMergedData,
  RecipientRecord,
  RecipientUpdatedData
} from '../journal/events/recipients.js'

type Row = BookRecord & { search: string }

function searchText(row: Row): string {
  return foldText(`${row.name}\n${row.email}\n${row.memberId ?? ''}`)
}

export class RecipientBook extends CheckpointedBase {
  readonly checkpointKey = 'recipients'
  override readonly lazy = true
  protected override readonly reads = new Set([
    'recipient.added',
    'award.issued',
    'recipient.updated',
    'recipient.merged'
  ])
  /** Every recipient, or (while `#saved`) those read from it or added since. */
  private rows = new Map<string, Row>()
  /** Normalised e-mail → its owner; while `#saved`, only changes since (null: no owner now). */
  private byEmail = new Map<string, string | null>()
  private active = 0
  /** The checkpoint's rows, read in place (format 2); undefined once all are in `rows`. */
  #saved: SavedBook | undefined

  /** A recipient by id (read from the saved rows on first ask). */
  #get(id: string): Row | undefined {
    const known = this.rows.get(id)
    if (known || !this.#saved) return known
    const at = this.#saved.rowOfId(id)
    if (at === undefined) return undefined
    const row: Row = { ...this.#saved.row(at), search: '' }
    this.rows.set(id, row)
    return row
  }

  #owner(email: string): string | undefined {
    const changed = this.byEmail.get(email)
    if (changed !== undefined || !this.#saved) return changed ?? undefined
    return this.byEmail.has(email) ? undefined : this.#saved.idOfEmail(email)
  }

  #setOwner(email: string, id: string | null): void {
    if (id === null && !this.#saved) this.byEmail.delete(email)
    else this.byEmail.set(email, id)
  }

  /** Every recipient in memory, in the book's order (whole-book work: search, the checkpoint). */
  #all(): void {
    const saved = this.#saved
    if (!saved) return
    const rows = new Map<string, Row>()
    for (let at = 0; at < saved.n; at++) {
      const id = saved.idAt(at)
      rows.set(id, this.rows.get(id) ?? { ...saved.row(at), search: '' })
    }
    for (const [id, row] of this.rows) if (!rows.has(id)) rows.set(id, row)
    const owners = new Map<string, string | null>(saved.owners())
    for (const [email, id] of this.byEmail) owners.set(email, id)
    const byEmail = new Map<string, string>()
    for (const [email, id] of owners) if (id !== null) byEmail.set(email, id)
    this.rows = rows
    this.byEmail = byEmail
    this.#saved = undefined
  }

  /** Format 2 (binary, read in place); format 1 (JSON) only if a value does not fit it. */
  protected write(): string | Buffer {
    this.#all()
    const owners = new Map<string, string>()
    for (const [email, id] of this.byEmail) if (id !== null) owners.set(email, id)
    return encodeBook([...this.rows.values()], owners, this.active) ?? this.#writeJson()
  }

  protected override readBytes(bytes: Buffer): boolean {
    if (!isBookColumns(bytes)) {
      this.outdated()
      return this.read(bytes.toString('utf8'))
    }
    const saved = SavedBook.read(bytes)
    if (!saved) return false
    this.#saved = saved
    this.active = saved.active
    return true
  }

  #writeJson(): string {
    const rows: BookSnapshot['rows'] = []
    for (const r of this.rows.values()) rows.push(bookRow(r))
    const snapshot: BookSnapshot = { v: 1, rows }
    return JSON.stringify(snapshot)
  }

  protected read(text: string): boolean {
    const parsed = bookSnapshotSchema.safeParse(JSON.parse(text))
    if (!parsed.success) return false
    for (const [id, name, email, memberId, createdAt, updatedAt, mergedInto, mergedIds] of parsed
      .data.rows) {
      this.rows.set(id, {
        id,
        name,
        email,
        ...(memberId !== null ? { memberId } : {}),
        createdAt,
        updatedAt,
        ...(mergedInto !== null ? { mergedInto } : {}),
        mergedIds,
        search: ''
      })
      if (mergedInto === null) this.active++
    }
    // Later rows win an e-mail, as when they were applied in order (merged rows keep theirs).
    for (const row of this.rows.values()) this.byEmail.set(normaliseEmail(row.email), row.id)
    return true
  }

  override checkpointCounts(): Readonly<Record<string, number>> {
    return { active: this.size }
  }

  protected applyEntry(entry: JournalEntry): void {
    if (entry.type === 'recipient.added') {
      this.add(entry.data.recipient)
    } else if (entry.type === 'award.issued') {
      // Awarding someone new adds them to the book in the award's own line.
      if (entry.data.recipient) this.add(entry.data.recipient)
    } else if (entry.type === 'recipient.updated') {
      this.update(entry.data)
    } else if (entry.type === 'recipient.merged') {
      this.merge(entry.data)
    }
  }

  private add(r: RecipientRecord): void {
    if (this.#get(r.id)) {
      return
    }
    const row: Row = {
      id: r.id,
      name: r.name,
      email: r.email,
      ...(r.memberId ? { memberId: r.memberId } : {}),
      createdAt: r.createdAt,
      updatedAt: r.createdAt,
      mergedIds: [],
      search: ''
    }
    this.rows.set(r.id, row)
    this.#setOwner(normaliseEmail(r.email), r.id)
    this.active++
  }

  private update(d: RecipientUpdatedData): void {
    const row = this.#get(d.id)
    if (!row) return
    if (d.name !== undefined) row.name = d.name
    if (d.email !== undefined && d.email !== row.email) {
      const old = normaliseEmail(row.email)
      if (this.#owner(old) === row.id) this.#setOwner(old, null)
      row.email = d.email
      this.#setOwner(normaliseEmail(d.email), row.id)
    }
    if (d.memberId === null) delete row.memberId
    else if (d.memberId !== undefined) row.memberId = d.memberId
    row.updatedAt = d.updatedAt
    row.search = ''
  }

  private merge(d: RecipientMergedData): void {
    const keep = this.#get(d.keepId)
    if (!keep) return
    for (const id of d.mergeIds) {
      const other = this.#get(id)
      if (!other || other.mergedInto || id === d.keepId) continue
      other.mergedInto = d.keepId
      keep.mergedIds.push(id, ...other.mergedIds)
      for (const inner of other.mergedIds) {
        const r = this.#get(inner)
        if (r) r.mergedInto = d.keepId
      }
      other.mergedIds = []
      this.active--
    }
    keep.updatedAt = d.at
  }

  /** Recipients that are not merged into another one. */
  get size(): number {
    const saved = this.savedCount('active')
    if (saved !== undefined) return saved
    this.ready()
    return this.active
  }

  /** The recipient an id stands for now (following merges). */
  resolveId(id: string): string | undefined {
    this.ready()
    let row = this.#get(id)
    for (let hops = 0; row?.mergedInto && hops < 100; hops++) row = this.#get(row.mergedInto)
    return row?.id
  }

  /** The (resolved) recipient owning an e-mail address, if any. */
  idForEmail(email: string): string | undefined {
    this.ready()
    const id = this.#owner(normaliseEmail(email))
    return id === undefined ? undefined : this.resolveId(id)
  }

  /** The e-mail of a recipient and of every recipient merged into it. */
  emailsOf(id: string): string[] {
    this.ready()
    const resolved = this.resolveId(id)
    const row = resolved ? this.#get(resolved) : undefined
    if (!row) return []
    const emails = [row.email]
    for (const m of row.mergedIds) {
      const other = this.#get(m)
      if (other && !emails.includes(other.email)) emails.push(other.email)
    }
    return emails
  }

  has(id: string): boolean {
    this.ready()
    return this.#get(id) !== undefined
  }

  /** The raw record of an id (not resolved), for reissue and journal data. */
  record(id: string): Readonly<Row> | undefined {
    this.ready()
    return this.#get(id)
  }

  view(id: string, awardCount: (emails: readonly string[]) => number): Recipient | undefined {
    this.ready()
    const resolved = this.resolveId(id)
    const row = resolved ? this.#get(resolved) : undefined
    if (!row) return undefined
    const emails = this.emailsOf(row.id)
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      ...(row.memberId ? { memberId: row.memberId } : {}),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      mergedIds: [...row.mergedIds],
      emails,
      awardCount: awardCount(emails)
    }
  }

  /** Folded "name\nemail\nmemberId", computed on first search (opening stays cheap). */
  private searchOf(row: Row): string {
    if (row.search === '') row.search = searchText(row)
    return row.search
  }

  /** Ids of active recipients matching the query (all words, accent-insensitive), by name. */
  search(query: string | undefined): string[] {
    this.ready()
    this.#all()
    const words = foldText(query ?? '')
      .split(/\s+/)
      .filter((w) => w !== '')
    const hits: Row[] = []
    for (const row of this.rows.values()) {
      if (row.mergedInto) continue
      if (words.length > 0) {
        let text = this.searchOf(row)
        for (const m of row.mergedIds) {
          const other = this.rows.get(m)
          if (other) text += '\n' + this.searchOf(other)
        }
        if (!words.every((w) => text.includes(w))) continue
      }
      hits.push(row)
    }
    // search starts with the folded name, then the e-mail: a cheap, stable order.
    for (const row of hits) this.searchOf(row)
    hits.sort((a, b) => (a.search < b.search ? -1 : a.search > b.search ? 1 : 0))
    return hits.map((r) => r.id)
  }
}
