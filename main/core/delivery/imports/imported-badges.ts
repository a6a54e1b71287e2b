/**
 * Badges members brought from other issuers, as the journal tells it (verified before they were
 * written): by recipient, for the recipient's page and for the rules that count them.
 */
import type { z } from 'zod'
import type { ImportedBadge } from '../../../../shared/methods/delivery.js'
import type { JournalEntry } from '../../storage/journal.js'
import { logger } from '../../logger.js'
import { DELIVERY_EVENT_SCHEMAS } from '../events.js'

function read<S extends z.ZodType>(schema: S, entry: JournalEntry): z.output<S> | undefined {
  const parsed = schema.safeParse(entry.data)
  if (parsed.success) return parsed.data
  logger.warn(`journal entry ${entry.seq} (${entry.type}) is not readable; it was ignored`)
  return undefined
}

export class ImportedBadges {
  private readonly byId = new Map<string, ImportedBadge>()

  apply(entry: JournalEntry): void {
    if (entry.type === 'recipient.badgeImported') {
      const d = read(DELIVERY_EVENT_SCHEMAS['recipient.badgeImported'], entry)
      if (!d) return
      const { document: _document, operator: _operator, ...badge } = d
      this.byId.set(d.id, badge)
    } else if (entry.type === 'recipient.badgeImportRemoved') {
      const d = read(DELIVERY_EVENT_SCHEMAS['recipient.badgeImportRemoved'], entry)
      if (d) this.byId.delete(d.id)
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
