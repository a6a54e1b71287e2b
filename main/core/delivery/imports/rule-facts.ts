/**
 * Imported badges as facts for the rules engine: a badge from another issuer counts as the
 * station's badge staff said it is equivalent to (countsAsBadgeId) for pathways, and with its
 * credits for credit rules; otherwise as a badge of its own ("imported:<achievement id>"), which
 * counts only for credit rules over every badge. Expired ones count for nothing.
 */
import type { Station } from '../../station/station.js'
import type { AwardFact } from '../../rules/evaluate.js'

export function importedAwardFacts(station: Station, now: Date = new Date()): AwardFact[] {
  const facts: AwardFact[] = []
  for (const badge of station.importedBadges.all()) {
    const id = station.recipients.resolveId(badge.recipientId)
    const person = id ? station.recipients.record(id) : undefined
    if (!person) continue
    const expired = badge.expires !== undefined && Date.parse(badge.expires) <= now.getTime()
    facts.push({
      recipientEmail: person.email,
      recipientName: person.name,
      badgeId: badge.countsAsBadgeId ?? `imported:${badge.achievement.id}`,
      ...(badge.achievement.credits !== undefined ? { credits: badge.achievement.credits } : {}),
      status: expired ? 'expired' : 'active'
    })
  }
  return facts
}
