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
import { newSalt, normaliseEmail } from '../credentials/identity-hash.js'
import { signDocument } from '../credentials/data-integrity.js'
import { allocateStatusIndex } from '../status/allocate.js'
import { verificationMethodFor } from '../keys/did.js'
import type { JournalEntry, JournalItem } from '../storage/journal.js'
import { newRecipientItem } from '../recipients/recipient-service.js'
import type { AwardIssuedData, AwardRecord } from './ledger.js'
import { badgeImageUrl } from './urls.js'

export type Person = Readonly<{ name: string; email: string; recipientId?: string }>

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

type Prepared = Readonly<{ record: AwardRecord; credentialJson: string }>

export type PrepareExtras = Readonly<{
  /** Reissue: keep these from the replaced award. */
  awardedDate?: string
  validFrom?: string
  validUntil?: string
  replaces?: Readonly<{ awardId: string; credentialId: string }>
  /** Reissue: the badge version the replaced award pinned (default: the latest). */
  badgeVersion?: number
}>

/** Builds and signs one award (nothing is written). `reserved` holds indexes taken in this commit. */
export async function prepareAward(
  station: Station,
  badge: BadgeRecord,
  person: Person,
  options: AwardOptions,
  reserved: Set<number>,
  extras: PrepareExtras = {}
): Promise<Prepared> {
  const signer = station.signer
  const catalog = station.catalog
  const version =
    extras.badgeVersion !== undefined
      ? badge.versions.find((v) => v.version === extras.badgeVersion)
      : badge.versions.at(-1)
  if (!version) fail('BADGE_NOT_PUBLISHED', `Publish "${badge.content.name}" before awarding it.`)
  const now = isoSeconds()
  const awardedDate = extras.awardedDate ?? now
  const validFrom = extras.validFrom ?? now
  const validUntil = extras.replaces ? extras.validUntil : computeValidUntil(version.content.expiry, now)
  const statusIndex = reserveIndex(station, reserved)
  const id = newAwardId()
  const email = normaliseEmail(person.email)
  const salt = newSalt()
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
    status: { listUrl: catalog.statusList.url, index: statusIndex }
  })
  const credential = await signDocument(
    unsigned,
    { verificationMethod: verificationMethodFor(catalog.issuer.id, signer.publicKey), created: now },
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
    statusIndex,
    stationId: catalog.stationId,
    operator: options.operator ?? defaultOperator(),
    ...(options.narrative ? { narrative: options.narrative } : {}),
    ...(options.evidenceUrl ? { evidenceUrl: options.evidenceUrl } : {}),
    ...(extras.replaces ? { replacesAwardId: extras.replaces.awardId } : {})
  }
  return { record, credentialJson: JSON.stringify(credential) }
}

function reserveIndex(station: Station, reserved: Set<number>): number {
  const used = station.awards.statusIndexesInUse
  const bits = station.catalog.statusList.lengthBits
  if (used.size + reserved.size >= bits) {
    fail('CONFLICT', `The status list is full: all ${bits} entries are in use.`)
  }
  for (;;) {
    const index = allocateStatusIndex(used, bits)
    if (!reserved.has(index)) {
      reserved.add(index)
      return index
    }
  }
}

/** The journal item of a prepared award. */
export function awardItem(prepared: Prepared): JournalItem {
  const data: AwardIssuedData = { award: prepared.record, credentialJson: prepared.credentialJson }
  return { type: 'award.issued', data }
}

/** Appends items in one fsynced group commit and applies them to the ledger and the book. */
export function commit(station: Station, items: readonly JournalItem[]): JournalEntry[] {
  const entries = station.journal.appendMany(items)
  const book = station.recipients
  for (const entry of entries) {
    station.awards.apply(entry)
    book.apply(entry)
  }
  return entries
}

/**
 * People → who they are in the book: existing recipients are linked, new e-mails get a
 * recipient.added item (returned, to be committed with the awards).
 */
export function linkRecipients(
  station: Station,
  people: readonly Person[]
): { people: Person[]; items: JournalItem[] } {
  const book = station.recipients
  const items: JournalItem[] = []
  const fresh = new Map<string, string>()
  const linked = people.map((p) => {
    const email = normaliseEmail(p.email)
    if (p.recipientId) return { ...p, email }
    const known = book.idForEmail(email) ?? fresh.get(email)
    if (known) return { ...p, email, recipientId: known }
    const item = newRecipientItem({ name: p.name, email })
    fresh.set(email, item.id)
    items.push(item.item)
    return { ...p, email, recipientId: item.id }
  })
  return { people: linked, items }
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
  const { people: linked, items } = linkRecipients(station, people)
  const reserved = new Set<number>()
  for (const person of linked) {
    items.push(awardItem(await prepareAward(station, badge, person, options, reserved)))
  }
  const entries = commit(station, items)
  station.bus.emit('data:changed', { domain: 'awards' })
  if (entries.some((e) => e.type === 'recipient.added')) {
    station.bus.emit('data:changed', { domain: 'recipients' })
  }
  const awards: Award[] = []
  for (const entry of entries) {
    if (entry.type !== 'award.issued') continue
    const award = station.awards.view((entry.data as AwardIssuedData).award.id)
    if (award) awards.push(award)
  }
  return awards
}
