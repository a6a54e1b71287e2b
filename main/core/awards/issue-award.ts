/**
 * Issuing one award: pin the badge's current version, build the OB 3.0 credential,
 * sign it with the station key, and append it to the journal. The award exists
 * (and is reported as issued) only once its journal line is fsynced.
 */
import type { MethodParsedInput } from '../../../shared/contract.js'
import type { Award } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import { newAwardId } from '../station/ids.js'
import { findBadge } from '../badges/badge-service.js'
import { buildOpenBadgeCredential, computeValidUntil } from '../credentials/build-credential.js'
import { newSalt, normaliseEmail } from '../credentials/identity-hash.js'
import { signDocument } from '../credentials/data-integrity.js'
import { allocateStatusIndex } from '../status/allocate.js'
import { verificationMethodFor } from '../keys/did.js'
import type { AwardRecord } from './ledger.js'
import { badgeImageUrl } from './urls.js'

export type AwardIssueInput = MethodParsedInput<'awards:issue'>

export async function issueAward(station: Station, input: AwardIssueInput): Promise<Award> {
  const signer = station.signer
  const catalog = station.catalog
  const badge = findBadge(station, input.badgeId)
  if (badge.status === 'archived') {
    fail('BADGE_ARCHIVED', `"${badge.content.name}" is archived and accepts no new awards.`, {
      field: 'badgeId'
    })
  }
  const version = badge.versions.at(-1)
  if (badge.status !== 'published' || !version) {
    fail('BADGE_NOT_PUBLISHED', `Publish "${badge.content.name}" before awarding it.`, {
      field: 'badgeId'
    })
  }
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  const id = newAwardId()
  const validUntil = computeValidUntil(version.content.expiry, now)
  const statusIndex = allocateStatusIndex(
    station.awards.statusIndexesInUse,
    catalog.statusList.lengthBits
  )
  const email = normaliseEmail(input.email)
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
      awardedDate: now,
      validFrom: now,
      ...(validUntil ? { validUntil } : {}),
      ...(input.narrative ? { narrative: input.narrative } : {}),
      ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {})
    },
    recipient: { name: input.name, email, salt },
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
    recipientName: input.name,
    recipientEmail: email,
    salt,
    credentialId: String(unsigned.id),
    awardedDate: now,
    validFrom: now,
    ...(validUntil ? { validUntil } : {}),
    statusIndex,
    stationId: catalog.stationId,
    ...(input.operator ? { operator: input.operator } : {}),
    ...(input.narrative ? { narrative: input.narrative } : {}),
    ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {})
  }
  const entry = station.journal.append('award.issued', { award: record, credential })
  station.awards.apply(entry)
  station.bus.emit('data:changed', { domain: 'awards' })
  const award = station.awards.view(id)
  if (!award) fail('INTERNAL', 'The award was journaled but is not in the ledger.')
  return award
}
