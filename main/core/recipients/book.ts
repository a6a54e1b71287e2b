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
import { bookSnapshotSchema, type BookSnapshot } from './book-snapshot.js'
import type {
  RecipientMergedData,
  RecipientRecord,
  RecipientUpdatedData
} from '../journal/events/recipients.js'
import { foldText } from '../csv/columns.js'
import { normaliseEmail } from '../../../shared/email.js'

export type {
  RecipientAddedData,
  RecipientMergedData,
  RecipientRecord,
  RecipientUpdatedData
} from '../journal/events/recipients.js'

type Row = {
  id: string
  name: string
  email: string
  memberId?: string
  createdAt: string
  updatedAt: string
  mergedInto?: string
  mergedIds: string[]
  search: string
}

function searchText(row: Row): string {
  return foldText(`${row.name}\n${row.email}\n${row.memberId ?? ''}`)
}

export class RecipientBook extends CheckpointedBase {
  readonly checkpointKey = 'recipients'
  override readonly lazy = true
  private readonly rows = new Map<string, Row>()
  private readonly byEmail = new Map<string, string>()
  private active = 0

  protected write(): string {
    const rows: BookSnapshot['rows'] = []
    for (const r of this.rows.values()) {
      rows.push([
        r.id,
        r.name,
        r.email,
        r.memberId ?? null,
        r.createdAt,
        r.updatedAt,
        r.mergedInto ?? null,
        r.mergedIds
      ])
    }
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
    if (this.rows.has(r.id)) {
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
    this.byEmail.set(normaliseEmail(r.email), r.id)
    this.active++
  }

  private update(d: RecipientUpdatedData): void {
    const row = this.rows.get(d.id)
    if (!row) return
    if (d.name !== undefined) row.name = d.name
    if (d.email !== undefined && d.email !== row.email) {
      const old = normaliseEmail(row.email)
      if (this.byEmail.get(old) === row.id) this.byEmail.delete(old)
      row.email = d.email
      this.byEmail.set(normaliseEmail(d.email), row.id)
    }
    if (d.memberId === null) delete row.memberId
    else if (d.memberId !== undefined) row.memberId = d.memberId
    row.updatedAt = d.updatedAt
    row.search = ''
  }

  private merge(d: RecipientMergedData): void {
    const keep = this.rows.get(d.keepId)
    if (!keep) return
    for (const id of d.mergeIds) {
      const other = this.rows.get(id)
      if (!other || other.mergedInto || id === d.keepId) continue
      other.mergedInto = d.keepId
      keep.mergedIds.push(id, ...other.mergedIds)
      for (const inner of other.mergedIds) {
        const r = this.rows.get(inner)
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
    let row = this.rows.get(id)
    for (let hops = 0; row?.mergedInto && hops < 100; hops++) row = this.rows.get(row.mergedInto)
    return row?.id
  }

  /** The (resolved) recipient owning an e-mail address, if any. */
  idForEmail(email: string): string | undefined {
    this.ready()
    const id = this.byEmail.get(normaliseEmail(email))
    return id === undefined ? undefined : this.resolveId(id)
  }

  /** The e-mail of a recipient and of every recipient merged into it. */
  emailsOf(id: string): string[] {
    this.ready()
    const resolved = this.resolveId(id)
    const row = resolved ? this.rows.get(resolved) : undefined
    if (!row) return []
    const emails = [row.email]
    for (const m of row.mergedIds) {
      const other = this.rows.get(m)
      if (other && !emails.includes(other.email)) emails.push(other.email)
    }
    return emails
  }

  has(id: string): boolean {
    this.ready()
    return this.rows.has(id)
  }

  /** The raw record of an id (not resolved), for reissue and journal data. */
  record(id: string): Readonly<Row> | undefined {
    this.ready()
    return this.rows.get(id)
  }

  view(id: string, awardCount: (emails: readonly string[]) => number): Recipient | undefined {
    this.ready()
    const resolved = this.resolveId(id)
    const row = resolved ? this.rows.get(resolved) : undefined
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
