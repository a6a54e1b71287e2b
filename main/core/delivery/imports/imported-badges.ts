/**
 * Badges members brought from other issuers, as the journal tells it (verified before they were
 * written): by recipient, for the recipient's page and for the rules that count them.
 */
import type { ImportedBadge } from '../../../../shared/methods/delivery.js'
import type { JournalEntry } from '../../journal/registry.js'
import { CheckpointedBase } from '../../journal/projection.js'
import { KeptEntries } from '../../journal/kept-entries.js'

export class ImportedBadges extends CheckpointedBase {
  readonly checkpointKey = 'importedBadges'
  private readonly byId = new Map<string, ImportedBadge>()
  readonly #kept = new KeptEntries(
    (e) => e.type === 'recipient.badgeImported' || e.type === 'recipient.badgeImportRemoved'
  )

  protected write(): string {
    return this.#kept.snapshot()
  }

  protected read(text: string): boolean {
    const entries = KeptEntries.parse(text)
    if (!entries) return false
    for (const e of entries) this.applyEntry(e)
    return true
  }

  protected applyEntry(entry: JournalEntry): void {
    this.#kept.keep(entry)
    if (entry.type === 'recipient.badgeImported') {
      const { document: _document, operator: _operator, ...badge } = entry.data
      this.byId.set(entry.data.id, badge)
    } else if (entry.type === 'recipient.badgeImportRemoved') {
      this.byId.delete(entry.data.id)
    }
  }

  get(id: string): ImportedBadge | undefined {
    return this.byId.get(id)
  }

  /** Imported badges of these recipient ids (a person and whoever was merged into them). */
  of(recipientIds: ReadonlySet<string>): ImportedBadge[] {
    return [...this.byId.values()].filter((b) => recipientIds.has(b.recipientId))
  }

  all(): ImportedBadge[] {
    return [...this.byId.values()]
  }
}
