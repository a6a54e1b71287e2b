/**
 * Issuing awards: pin the badge's current version, build each OB 3.0 credential, sign it with
 * the station key, and append it to the journal (one group commit per call). An award exists
 * (and is reported as issued) only once its journal line is fsynced. Recipients not yet in
 * the book are added in the same commit.
 */
import os from 'node:os'
import type { Award } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import type { BadgeRecord } from '../station/catalog-model.js'
import { newAwardId } from '../station/ids.js'
import { findBadge } from '../badges/badge-service.js'
import { buildOpenBadgeCredential, computeValidUntil } from '../credentials/build-credential.js'
import { normaliseEmail } from '../credentials/identity-hash.js'
import { pooledSalt } from './random-pool.js'
import { signDocument } from '../credentials/data-integrity.js'
import { ReservedSlots } from '../status/rollover.js'
import { ensureStatusCapacity, ownStatusListUrl, reserveSlot } from './status-allocation.js'
import { verificationMethodFor } from '../keys/did.js'
import type { JournalEntry, NewEvent } from '../journal/registry.js'
import { newRecipientRecord } from '../recipients/recipient-service.js'
import type { RecipientRecord } from '../recipients/book.js'
import type { AwardRecord } from './ledger.js'
import { badgeImageUrl } from './urls.js'
import { withDeliveryItems, type CommitContext } from '../delivery/queue.js'

export type Person = Readonly<{
  name: string
  email: string
  recipientId?: string
  /** Set by linkRecipients for someone not yet in the book: written with their award. */
  newRecipient?: RecipientRecord
}>

export type AwardOptions = Readonly<{
  narrative?: string
  evidenceUrl?: string
  operator?: string
}>

/** The badge version awards are pinned to; refuses drafts and archived badges. */
export function awardableBadge(station: Station, badgeId: string): BadgeRecord {
  const badge = findBadge(station, badgeId)
  if (badge.status === 'archived') {
    fail('BADGE_ARCHIVED', `"${badge.content.name}" is archived and accepts no new awards.`, {
      field: 'badgeId'
    })
  }
  if (badge.status !== 'published' || badge.versions.length === 0) {
    fail('BADGE_NOT_PUBLISHED', `Publish "${badge.content.name}" before awarding it.`, {
      field: 'badgeId'
    })
  }
  return badge
}

/** Who is awarding when no operator is given: the OS account running the station. */
export function defaultOperator(): string {
  try {
    return os.userInfo().username || 'unknown'
  } catch {
    return 'unknown'
  }
}

export function isoSeconds(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

type Prepared = Readonly<{
  record: AwardRecord
  credentialJson: string
  newRecipient?: RecipientRecord
}>

export type PrepareExtras = Readonly<{
  /** Reissue: keep these from the replaced award. */
  awardedDate?: string
  validFrom?: string
  validUntil?: string
  replaces?: Readonly<{ awardId: string; credentialId: string }>
  /** Reissue: the badge version the replaced award pinned (default: the latest). */
  badgeVersion?: number
}>

/**
 * Builds and signs one award (nothing is written). `reserved` holds the status entries taken in
 * this commit; the award gets the next one (a new list when the current one is full).
 */
export async function prepareAward(
  station: Station,
  badge: BadgeRecord,
  person: Person,
  options: AwardOptions,
  reserved: ReservedSlots,
  extras: PrepareExtras = {}
): Promise<Prepared> {
  const signer = station.signer
  const catalog = station.catalog
  const version =
    extras.badgeVersion !== undefined
      ? badge.versions.find((v) => v.version === extras.badgeVersion)
      : badge.versions.at(-1)
  if (!version) fail('BADGE_NOT_PUBLISHED', `Publish "${badge.content.name}" before awarding it.`)
  const now = isoSeconds(station.clock())
  const awardedDate = extras.awardedDate ?? now
  const validFrom = extras.validFrom ?? now
  const validUntil = extras.replaces
    ? extras.validUntil
    : computeValidUntil(version.content.expiry, now)
  const slot = reserveSlot(station, reserved)
  const id = newAwardId()
  const email = normaliseEmail(person.email)
  const salt = pooledSalt()
  const unsigned = buildOpenBadgeCredential({
    siteUrl: catalog.siteUrl,
    issuer: catalog.issuer,
    badge: {
      id: badge.id,
      version: version.version,
      content: version.content,
      imageUrl: badgeImageUrl(catalog.siteUrl, badge.id, version.version)
    },
    award: {
      id,
      awardedDate,
      validFrom,
      ...(validUntil ? { validUntil } : {}),
      ...(options.narrative ? { narrative: options.narrative } : {}),
      ...(options.evidenceUrl ? { evidenceUrl: options.evidenceUrl } : {}),
      ...(extras.replaces ? { replaces: extras.replaces.credentialId } : {})
    },
    recipient: { name: person.name, email, salt },
    status: { listUrl: ownStatusListUrl(station, slot.list), index: slot.index }
  })
  const credential = await signDocument(
    unsigned,
    {
      verificationMethod: verificationMethodFor(catalog.issuer.id, signer.publicKey),
      created: now
    },
    signer
  )
  const record: AwardRecord = {
    id,
    badgeId: badge.id,
    badgeVersion: version.version,
    recipientName: person.name,
    recipientEmail: email,
    ...(person.recipientId ? { recipientId: person.recipientId } : {}),
    salt,
    credentialId: String(unsigned.id),
    awardedDate,
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    statusIndex: slot.index,
    statusList: slot.list,
    stationId: catalog.stationId,
    operator: options.operator ?? defaultOperator(),
    ...(options.narrative ? { narrative: options.narrative } : {}),
    ...(options.evidenceUrl ? { evidenceUrl: options.evidenceUrl } : {}),
    ...(extras.replaces ? { replacesAwardId: extras.replaces.awardId } : {})
  }
  return {
    record,
    credentialJson: JSON.stringify(credential),
    ...(person.newRecipient ? { newRecipient: person.newRecipient } : {})
  }
}

/** The journal event of a prepared award. */
export function awardItem(prepared: Prepared): NewEvent {
  return {
    type: 'award.issued',
    data: {
      award: prepared.record,
      credentialJson: prepared.credentialJson,
      ...(prepared.newRecipient ? { recipient: prepared.newRecipient } : {})
    }
  }
}

/**
 * Appends events in one fsynced group commit. The station feeds every appended entry to its
 * projections (the ledger, the recipient book, the outbox…), so they are current on return.
 * Delivery adds its own events to the same commit (a message for a new award, the cancellation
 * of a revoked award's unsent message); `context` names the batch a job's commits belong to.
 * Call it from inside the mutation queue, in the same task as the checks that allowed it.
 */
export function commit(
  station: Station,
  items: readonly NewEvent[],
  context: CommitContext = {}
): JournalEntry[] {
  return station.journal.appendMany(withDeliveryItems(station, items, context))
}

/**
 * People → who they are in the book: existing recipients are linked; someone new gets a
 * recipient record that is written in the line of their (first) award.
 */
export function linkRecipients(station: Station, people: readonly Person[]): Person[] {
  const book = station.recipients
  const fresh = new Map<string, string>()
  return people.map((p) => {
    const email = normaliseEmail(p.email)
    if (p.recipientId) {
      return { ...p, email }
    }
    const known = book.idForEmail(email) ?? fresh.get(email)
    if (known) {
      return { ...p, email, recipientId: known }
    }
    const newRecipient = newRecipientRecord({ name: p.name, email })
    fresh.set(email, newRecipient.id)
    return { ...p, email, recipientId: newRecipient.id, newRecipient }
  })
}

/**
 * Signs and commits awards of one badge to these people in ONE group commit; returns the
 * awards as the ledger now shows them. Callers check duplicates first.
 */
export async function issueToPeople(
  station: Station,
  badge: BadgeRecord,
  people: readonly Person[],
  options: AwardOptions
): Promise<Award[]> {
  ensureStatusCapacity(station, people.length)
  const linked = linkRecipients(station, people)
  const items: NewEvent[] = []
  const reserved = new ReservedSlots()
  for (const person of linked) {
    items.push(awardItem(await prepareAward(station, badge, person, options, reserved)))
  }
  const entries = commit(station, items)
  station.bus.emit('data:changed', { domain: 'awards' })
  if (linked.some((p) => p.newRecipient)) {
    station.bus.emit('data:changed', { domain: 'recipients' })
  }
  const awards: Award[] = []
  for (const entry of entries) {
    if (entry.type !== 'award.issued') continue
    const award = station.awards.view(entry.data.award.id)
    if (award) awards.push(award)
  }
  return awards
}
