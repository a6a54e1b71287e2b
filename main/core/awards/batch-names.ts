/**
 * Names in a batch that differ from the recipient book: the same e-mail written "Oğuz Rossi" in
 * the book and "Oeuz Rossi" in a file would otherwise put two spellings on two credentials. The
 * preview lists them; the operator keeps the book's name or the file's for each row, and a name
 * kept from the file corrects the book in the commit of that person's award.
 */
import type { BatchNameConflict, BatchNameChoice } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import type { NewEvent } from '../journal/registry.js'
import type { RecipientUpdatedData } from '../recipients/book.js'
import type { Person } from './issue-award.js'

type Row = Person & { row: number }

/** Names compare as people read them: Unicode NFC, runs of spaces as one, ends trimmed. */
function sameName(a: string, b: string): boolean {
  const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim()
  return clean(a) === clean(b)
}

/** The rows (about to be awarded) whose name differs from the book's for their e-mail. */
export function nameConflicts(station: Station, people: readonly Row[]): BatchNameConflict[] {
  const conflicts: BatchNameConflict[] = []
  for (const p of people) {
    const id = p.recipientId ?? station.recipients.idForEmail(p.email)
    const record = id ? station.recipients.record(id) : undefined
    if (!id || !record || sameName(record.name, p.name)) continue
    conflicts.push({
      row: p.row,
      email: p.email,
      fileName: p.name,
      bookName: record.name,
      recipientId: id
    })
  }
  return conflicts
}

export type NamedPlan<T extends Row> = Readonly<{
  people: T[]
  /** recipient id → the file's name, to write to the book with that person's award. */
  renames: ReadonlyMap<string, string>
}>

/**
 * Applies the operator's choices: 'book' awards under the book's name, 'file' under the file's
 * and corrects the book. A row without a choice keeps the file's name and leaves the book as it
 * is (what batches always did; the UI asks for every row). A choice for a row that has no
 * conflict is refused, so a stale or mistyped choice never passes unnoticed.
 */
export function applyNameChoices<T extends Row>(
  people: readonly T[],
  conflicts: readonly BatchNameConflict[],
  choices: readonly BatchNameChoice[] = []
): NamedPlan<T> {
  const byRow = new Map(conflicts.map((c) => [c.row, c]))
  const keep = new Map<number, BatchNameChoice['keep']>()
  for (const choice of choices) {
    if (!byRow.has(choice.row)) {
      fail('INVALID_INPUT', `Row ${choice.row} has no name that differs from the recipient book.`, {
        field: 'names'
      })
    }
    keep.set(choice.row, choice.keep)
  }
  const renames = new Map<string, string>()
  const named = people.map((p) => {
    const conflict = byRow.get(p.row)
    const choice = keep.get(p.row)
    if (!conflict || !choice) return p
    if (choice === 'book') return { ...p, name: conflict.bookName }
    renames.set(conflict.recipientId, conflict.fileName)
    return p
  })
  return { people: named, renames }
}

/** The book corrections for these people (names kept from the file), stamped `at`. */
export function renameItems(
  people: readonly Person[],
  renames: ReadonlyMap<string, string>,
  at: string
): NewEvent[] {
  const items: NewEvent[] = []
  const done = new Set<string>()
  for (const p of people) {
    const id = p.recipientId
    const name = id ? renames.get(id) : undefined
    if (!id || name === undefined || done.has(id)) continue
    done.add(id)
    const data: RecipientUpdatedData = { id, name, updatedAt: at }
    items.push({ type: 'recipient.updated', data })
  }
  return items
}

/** Why a row is skipped because the person holds the badge: when, never an award id. */
export function heldReason(station: Station, awardId: string): string {
  const awarded = station.awards.view(awardId)?.awardedDate.slice(0, 10)
  return awarded ? `already holds this badge (awarded ${awarded})` : 'already holds this badge'
}
