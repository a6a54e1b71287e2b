/**
 * The in-memory view of check-ins, rebuilt from the journal (`checkin.imported`) at open and
 * kept current as imports append. The journal is the truth.
 */
import type { CheckIn } from '../../../shared/rules-types.js'
import type { JournalEntry } from '../journal/registry.js'
import { KeptEntriesProjection } from '../journal/kept-entries.js'

export type { CheckInImportedData } from '../journal/events/checkins.js'

/** Folds case, accents and runs of spaces: "Intro  to Glaze" and "intro to glaze" are one session. */
export function foldKey(text: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(text)
  const folded = ascii ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  return folded.toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Who a check-in is about: the e-mail, else the member id. */
export function personKeyOf(c: Readonly<{ recipientEmail?: string; memberId?: string }>): string {
  return c.recipientEmail ? c.recipientEmail : `member:${foldKey(c.memberId ?? '')}`
}

/** Same person, same session, same day: the second is a duplicate. */
export function duplicateKeyOf(
  c: Readonly<{ recipientEmail?: string; memberId?: string; session: string; date: string }>
): string {
  return `${personKeyOf(c)}\u0000${foldKey(c.session)}\u0000${c.date.slice(0, 10)}`
}

export class CheckInIndex extends KeptEntriesProjection {
  readonly checkpointKey = 'checkins'
  private readonly rows: CheckIn[] = []
  private readonly keys = new Set<string>()
  private readonly emailByMember = new Map<string, string>()

  protected keeps(e: JournalEntry): boolean {
    return e.type === 'checkin.imported'
  }

  protected applyEntry(entry: JournalEntry): void {
    if (entry.type !== 'checkin.imported') return
    this.kept.keep(entry)
    const { checkin } = entry.data
    this.rows.push(checkin)
    this.keys.add(duplicateKeyOf(checkin))
    if (checkin.memberId && checkin.recipientEmail) {
      this.emailByMember.set(foldKey(checkin.memberId), checkin.recipientEmail)
    }
  }

  get size(): number {
    return this.rows.length
  }

  hasKey(key: string): boolean {
    return this.keys.has(key)
  }

  /** The e-mail last seen with this member id, if any. */
  emailForMember(memberId: string): string | undefined {
    return this.emailByMember.get(foldKey(memberId))
  }

  /** Oldest first (the index's own array: do not mutate). */
  all(): readonly CheckIn[] {
    return this.rows
  }

  list(recipientEmail?: string): CheckIn[] {
    if (!recipientEmail) return [...this.rows]
    return this.rows.filter((c) => this.resolveEmail(c) === recipientEmail)
  }

  /** The check-in's e-mail, or the one its member id is known by. */
  resolveEmail(c: CheckIn): string | undefined {
    return c.recipientEmail ?? (c.memberId ? this.emailForMember(c.memberId) : undefined)
  }
}
