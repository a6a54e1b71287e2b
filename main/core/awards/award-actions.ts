/** One award at the desk, revocation, and reissue after a correction. */
import type { MethodParsedInput } from '../../../shared/contract.js'
import { normaliseEmail } from '../../../shared/email.js'
import type { Award } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import type { NewEvent } from '../journal/registry.js'
import type { RecipientUpdatedData } from '../recipients/book.js'
import { findBadge } from '../badges/badge-service.js'
import { ReservedSlots } from '../status/rollover.js'
import { ensureStatusCapacity } from './status-allocation.js'
import {
  awardItem,
  awardableBadge,
  commit,
  defaultOperator,
  isoSeconds,
  issueToPeople,
  linkRecipients,
  prepareAward,
  type Person
} from './issue-award.js'

export type AwardIssueInput = MethodParsedInput<'awards:issue'>

const sameEmail = (a: string, b: string): boolean => normaliseEmail(a) === normaliseEmail(b)

function viewOrFail(station: Station, id: string): Award {
  const award = station.awards.view(id)
  if (!award) fail('NOT_FOUND', `There is no award with id "${id}".`, { field: 'id' })
  return award
}

/** The person an issue input names: a recipient of the book, or an e-mail and a name. */
function personOf(station: Station, input: AwardIssueInput): Person {
  if (input.recipientId) {
    const id = station.recipients.resolveId(input.recipientId)
    const row = id ? station.recipients.record(id) : undefined
    if (!id || !row) {
      fail('NOT_FOUND', `There is no recipient with id "${input.recipientId}".`, {
        field: 'recipientId'
      })
    }
    return { name: input.name ?? row.name, email: row.email, recipientId: id }
  }
  if (!input.email || !input.name) {
    fail('INVALID_INPUT', 'Give recipientId, or email and name.', { field: 'email' })
  }
  return { name: input.name, email: input.email }
}

/** The unrevoked award of this badge the person already holds (any of their e-mails). */
export function existingAward(
  station: Station,
  badgeId: string,
  person: Person
): string | undefined {
  const emails = person.recipientId ? station.recipients.emailsOf(person.recipientId) : []
  if (!emails.includes(person.email)) emails.push(person.email)
  const owner = station.recipients.idForEmail(person.email)
  if (owner) {
    for (const e of station.recipients.emailsOf(owner)) if (!emails.includes(e)) emails.push(e)
  }
  for (const email of emails) {
    const held = station.awards.heldBy(badgeId, email)
    if (held) return held
  }
  return undefined
}

export async function issueAward(station: Station, input: AwardIssueInput): Promise<Award> {
  station.requireInitialized()
  const badge = awardableBadge(station, input.badgeId)
  const person = personOf(station, input)
  if (input.allowDuplicate !== true) {
    const existingAwardId = existingAward(station, badge.id, person)
    if (existingAwardId) {
      fail('CONFLICT', `${person.name} <${person.email}> already holds "${badge.content.name}".`, {
        field: 'badgeId',
        existingAwardId
      })
    }
  }
  const [award] = await issueToPeople(station, badge, [person], {
    ...(input.narrative ? { narrative: input.narrative } : {}),
    ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
    operator: input.operator ?? defaultOperator()
  })
  if (!award) fail('INTERNAL', 'The award was journaled but is not in the ledger.')
  return award
}

function revokedItem(
  station: Station,
  awardId: string,
  reason: string,
  operator: string
): NewEvent {
  return {
    type: 'award.revoked',
    data: { awardId, reason, revokedAt: isoSeconds(station.clock()), operator }
  }
}

function refuseRevoked(station: Station, id: string): void {
  const revocation = station.awards.revocation(id)
  if (revocation) {
    fail(
      'CONFLICT',
      `Award "${id}" was already revoked on ${revocation.revokedAt} (${revocation.reason}).`,
      {
        field: 'id',
        revokedAt: revocation.revokedAt
      }
    )
  }
}

/**
 * An award merged from another station lives in that station's status list, which only its
 * key can sign: revoking it here would leave the public list saying "valid". It is revoked
 * (or reissued) on the station that issued it, then merged again.
 */
function refuseForeign(station: Station, id: string): void {
  const record = station.awards.record(id)
  if (record && record.stationId !== station.catalog.stationId) {
    fail(
      'CONFLICT',
      `This award was issued by station ${record.stationId}; revoke or reissue it there and merge its export again.`,
      { field: 'id' }
    )
  }
}

export function revokeAward(
  station: Station,
  input: { id: string; reason: string; operator?: string }
): Award {
  station.requireInitialized()
  viewOrFail(station, input.id)
  refuseRevoked(station, input.id)
  refuseForeign(station, input.id)
  commit(station, [
    revokedItem(station, input.id, input.reason, input.operator ?? defaultOperator())
  ])
  station.bus.emit('data:changed', { domain: 'awards' })
  return viewOrFail(station, input.id)
}

/**
 * Revokes the award and issues a corrected one (same badge version policy, original
 * awardedDate and validity, description naming the replaced credential) in ONE commit.
 */
export async function reissueAward(
  station: Station,
  input: { id: string; name?: string; email?: string; operator?: string }
): Promise<{ revoked: Award; issued: Award }> {
  station.requireInitialized()
  viewOrFail(station, input.id)
  refuseRevoked(station, input.id)
  refuseForeign(station, input.id)
  const old = station.awards.record(input.id)
  if (!old) fail('NOT_FOUND', `There is no award with id "${input.id}".`, { field: 'id' })
  // A correction keeps the badge version the person earned, even if the badge was archived since.
  const badge = findBadge(station, old.badgeId)
  const name = input.name ?? old.recipientName
  const email = input.email ?? old.recipientEmail
  const changes = [
    name !== old.recipientName ? `name "${old.recipientName}" → "${name}"` : '',
    !sameEmail(email, old.recipientEmail) ? `e-mail ${old.recipientEmail} → ${email}` : ''
  ].filter(Boolean)
  const operator = input.operator ?? defaultOperator()
  const items: NewEvent[] = [
    revokedItem(
      station,
      old.id,
      `reissued: ${changes.length > 0 ? changes.join(', ') : 'replaced by a new credential'}`,
      operator
    )
  ]
  // The book follows the correction: the recipient's own name/e-mail are corrected too when
  // they still hold the old values; an e-mail of another recipient moves the award to them.
  const ownerId = old.recipientId ? station.recipients.resolveId(old.recipientId) : undefined
  const owner = ownerId ? station.recipients.record(ownerId) : undefined
  const emailOwner = station.recipients.idForEmail(email)
  let person: Person
  if (owner && ownerId && (emailOwner === undefined || emailOwner === ownerId)) {
    const update: RecipientUpdatedData = {
      id: ownerId,
      ...(name !== old.recipientName && owner.name === old.recipientName ? { name } : {}),
      ...(!sameEmail(email, owner.email) && sameEmail(owner.email, old.recipientEmail)
        ? { email }
        : {}),
      updatedAt: station.clock().toISOString()
    }
    if (Object.keys(update).length > 2) items.push({ type: 'recipient.updated', data: update })
    person = { name, email, recipientId: ownerId }
  } else {
    person = linkRecipients(station, [{ name, email }])[0] ?? { name, email }
  }
  const options = {
    operator,
    ...(old.narrative ? { narrative: old.narrative } : {}),
    ...(old.evidenceUrl ? { evidenceUrl: old.evidenceUrl } : {})
  }
  ensureStatusCapacity(station, 1)
  const prepared = await prepareAward(station, badge, person, options, new ReservedSlots(), {
    awardedDate: old.awardedDate,
    validFrom: old.validFrom,
    ...(old.validUntil ? { validUntil: old.validUntil } : {}),
    replaces: { awardId: old.id, credentialId: old.credentialId },
    badgeVersion: old.badgeVersion
  })
  items.push(awardItem(prepared))
  commit(station, items)
  station.bus.emit('data:changed', { domain: 'awards' })
  station.bus.emit('data:changed', { domain: 'recipients' })
  return { revoked: viewOrFail(station, old.id), issued: viewOrFail(station, prepared.record.id) }
}
