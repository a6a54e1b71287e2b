/** Delivery's in-memory views of the journal, fed every entry by the station (one call). */
import type { JournalEntry } from '../storage/journal.js'
import { ImportedBadges } from './imports/imported-badges.js'
import { outboxOf } from './outbox.js'

const imported = new WeakMap<object, ImportedBadges>()

export function importedBadgesOf(station: object): ImportedBadges {
  let index = imported.get(station)
  if (!index) {
    index = new ImportedBadges()
    imported.set(station, index)
  }
  return index
}

type Feed = { apply(entry: JournalEntry): void }
const feeds = new WeakMap<object, Feed>()

export function deliveryIndexesOf(station: object): Feed {
  let feed = feeds.get(station)
  if (!feed) {
    const outbox = outboxOf(station)
    const badges = importedBadgesOf(station)
    feed = {
      apply(entry) {
        if (entry.type.startsWith('delivery.')) outbox.apply(entry)
        else if (entry.type.startsWith('recipient.badgeImport')) badges.apply(entry)
      }
    }
    feeds.set(station, feed)
  }
  return feed
}
