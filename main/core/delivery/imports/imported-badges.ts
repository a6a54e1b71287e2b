/**
 * Badges members brought from other issuers, as the journal tells it (verified before they were
 * written): by recipient, for the recipient's page and for the rules that count them.
 */
import type { ImportedBadge } from '../../../../shared/methods/delivery.js'
import type { JournalEntry } from '../../journal/registry.js'
import { KeptEntriesProjection } from '../../journal/kept-entries.js'

export class ImportedBadges extends KeptEntriesProjection {
  readonly checkpointKey = 'importedBadges'
  private readonly byId = new Map<string, ImportedBadge>()

  protected keeps(e: JournalEntry): boolean {
    return e.type === 'recipient.badgeImported' || e.type === 'recipient.badgeImportRemoved'
  }

  protected applyEntry(entry: JournalEntry): void {
    this.kept.keep(entry)
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
