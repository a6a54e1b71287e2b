/**
 * The one place journal lines become typed events: the envelope was checked by the storage layer,
 * the data is checked here against its event type's schema and version. A line that does not
 * match is damage (JOURNAL_CORRUPT naming the line), never a silently skipped entry.
 */
import { corruptLine, type RawJournalEntry } from '../storage/journal.js'
import { eventDef, type JournalEntry, type NewEvent } from './registry.js'

export type ParseOutcome = Readonly<
  { ok: true; entry: JournalEntry } | { ok: false; reason: string }
>

export function parseRawEntry(raw: RawJournalEntry): ParseOutcome {
  const def = eventDef(raw.type)
  if (!def) {
    return {
      ok: false,
      reason: `unknown event type ${JSON.stringify(raw.type)} (written by a newer Kiln?)`
    }
  }
  return def.read(raw)
}

/** A typed entry, or JOURNAL_CORRUPT naming the file and line. */
export function parseEntry(raw: RawJournalEntry, file: string, line: number): JournalEntry {
  const parsed = parseRawEntry(raw)
  if (!parsed.ok) throw corruptLine(file, line, parsed.reason)
  return parsed.entry
}

/** Checks an event before it is written: what is appended must read back. */
export function checkNewEvent(event: NewEvent): string | undefined {
  const def = eventDef(event.type)
  if (!def) return `unknown event type ${event.type}`
  return def.problem(event.data)
}
