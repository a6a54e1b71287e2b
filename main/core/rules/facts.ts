/** The facts rules are evaluated on: every award (with the credits its pinned version offers) and check-in. */
import type { Station } from '../station/station.js'
import type { AttendanceFact, AwardFact } from './evaluate.js'
import { importedAwardFacts } from '../delivery/imports/rule-facts.js'

/** Credits of every badge version, and of the version a new award would pin. */
function creditTables(station: Station): {
  pinned: (badgeId: string, version: number) => number | undefined
  current: (badgeId: string) => number | undefined
} {
  const byVersion = new Map<string, number | undefined>()
  const latest = new Map<string, number | undefined>()
  for (const badge of station.catalog.badges) {
    for (const v of badge.versions) {
      byVersion.set(`${badge.id}@${v.version}`, v.content.creditsAvailable)
    }
    latest.set(badge.id, badge.versions.at(-1)?.content.creditsAvailable)
  }
  return {
    pinned: (id, version) => byVersion.get(`${id}@${version}`),
    current: (id) => latest.get(id)
  }
}

export function gatherFacts(station: Station): {
  awards: AwardFact[]
  checkins: AttendanceFact[]
  creditsOf: (badgeId: string) => number | undefined
} {
  const credits = creditTables(station)
  // Briefs, newest first as list() gave them: no journal line is read.
  const now = new Date()
  const awards: AwardFact[] = [...station.awards.briefs()].reverse().map((a) => {
    const c = credits.pinned(a.badgeId, a.badgeVersion)
    return {
      recipientEmail: a.recipientEmail,
      recipientName: a.recipientName,
      badgeId: a.badgeId,
      status: station.awards.status(a.id, now) ?? 'active',
      ...(c !== undefined ? { credits: c } : {})
    }
  })
  // Badges members brought from other issuers count too (recognition of prior learning).
  awards.push(...importedAwardFacts(station))
  const index = station.checkins
  const checkins: AttendanceFact[] = index.all().map((c) => {
    const email = index.resolveEmail(c)
    return {
      ...(email ? { recipientEmail: email } : {}),
      ...(c.memberId ? { memberId: c.memberId } : {}),
      name: c.name,
      session: c.session,
      tags: c.tags
    }
  })
  return { awards, checkins, creditsOf: credits.current }
}
