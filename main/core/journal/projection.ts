/**
 * A projection: in-memory state derived from the journal (the award ledger, the recipient book,
 * check-ins, the audit index, the catalog's recorded hash). The station feeds it every entry in
 * order — all of them at open, then each one as it is appended — and nothing else changes it.
 *
 * Because `apply` is the only way in, a projection can later be snapshotted at a journal seq and
 * restored from that snapshot, replaying only the entries after it (the next step for stations
 * with a million awards: see ARCHITECTURE.md, "Projections and checkpoints"). Keep `apply` a pure
 * function of the projection's own state and the entry: no clock, no catalog, no other service.
 */
import type { JournalEntry } from './registry.js'

export interface Projection {
  apply(entry: JournalEntry): void
}
