/**
 * A member brings a badge from another issuer (OB 3.0 JSON, a baked PNG or SVG, an OB 2.0 hosted
 * assertion — its JSON, its URL, or a PNG baked with one): it is verified first (verify-ob3 /
 * verify-ob2), and only a badge that passes is written to their record (`recipient.badgeImported`, with the document as
 * verified). A check that needs the network while there is none stops the import (OFFLINE) and
 * nothing is written; a badge that fails is refused with the reason (CREDENTIAL_INVALID).
 * Verification talks to the issuer's site, so it runs outside the station's mutation queue; only
 * the duplicate check and the journal entry take the queue (method-kinds.ts: 'connects').
 */
import { randomUUID } from 'node:crypto'
import type { ImportedBadge } from '../../../../shared/methods/delivery.js'
import type { MethodParsedInput } from '../../../../shared/contract.js'
import { fail, KilnFailure } from '../../failure.js'
import type { Station } from '../../station/station.js'
import { unbakeAny } from '../../baking/detect.js'
import { isJsonObject } from '../../credentials/proof-check.js'
import { findBadge } from '../../badges/badge-service.js'
import { defaultOperator } from '../../awards/issue-award.js'
import { checkFetchUrl, fetchJson, memoFetcher, type JsonFetcher } from './fetch-json.js'
import { verifyOb2Import } from './verify-ob2.js'
import { verifyOb3Import, type ImportVerdict } from './verify-ob3.js'

export type ImportBadgeInput = MethodParsedInput<'recipients:importBadge'>

/** A fetcher that remembers the first OFFLINE failure (the verifiers treat a failed fetch as "not at hand"). */
function watchOffline(fetcher: JsonFetcher): {
  fetcher: JsonFetcher
  offline(): KilnFailure | undefined
} {
  let offline: KilnFailure | undefined
  return {
    fetcher: async (url) => {
      try {
        return await fetcher(url)
      } catch (error) {
        if (error instanceof KilnFailure && error.code === 'OFFLINE') offline ??= error
        throw error
      }
    },
    offline: () => offline
  }
}

/**
 * OB 2.0 or 3.0: a URL or an OB 2.0 container is 2.0; JSON is told by its context and type
 * (a bare JSON file carries no container generation).
 */
function generationOf(text: string, container: 2 | 3): 'ob3' | 'ob2-hosted' {
  if (/^https?:\/\//i.test(text.trim())) return 'ob2-hosted'
  try {
    const doc: unknown = JSON.parse(text)
    if (isJsonObject(doc)) {
      const context = JSON.stringify(doc['@context'] ?? '')
      if (context.includes('w3id.org/openbadges/v2')) return 'ob2-hosted'
      if (context.includes('credentials/v2') || context.includes('credentials/v1')) return 'ob3'
    }
  } catch {
    // Not JSON: the verifier says so.
  }
  return container === 2 ? 'ob2-hosted' : 'ob3'
}

/** A recipient and everyone merged into them. */
function heldIds(station: Station, id: string): Set<string> {
  return new Set([id, ...(station.recipients.record(id)?.mergedIds ?? [])])
}

function recipientOf(station: Station, recipientId: string): { id: string; emails: string[] } {
  const id = station.recipients.resolveId(recipientId)
  if (!id || !station.recipients.record(id)) {
    fail('NOT_FOUND', `There is no recipient with id "${recipientId}".`, { field: 'recipientId' })
  }
  return { id, emails: station.recipients.emailsOf(id) }
}

type Source = Readonly<{
  format: ImportedBadge['format'] | 'jwt'
  credentialText: string
  encoding: string
  obVersion: 2 | 3
}>

/** The URL of an OB 2.0 hosted assertion, as a person pastes it (https only). */
function fromUrl(url: string): Source {
  return { format: 'url', credentialText: checkFetchUrl(url).href, encoding: 'url', obVersion: 2 }
}

function fromFile(base64: string): Source | undefined {
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length === 0) fail('UNREADABLE_INPUT', 'The file is empty.', { field: 'fileBase64' })
  return unbakeAny(bytes)
}

export async function importBadge(
  station: Station,
  input: ImportBadgeInput,
  fetcher: JsonFetcher = fetchJson
): Promise<ImportedBadge> {
  station.requireInitialized()
  const recipient = recipientOf(station, input.recipientId)
  if (input.countsAsBadgeId) findBadge(station, input.countsAsBadgeId)
  const unbaked = input.url !== undefined ? fromUrl(input.url) : fromFile(input.fileBase64 ?? '')
  if (!unbaked) {
    fail('CREDENTIAL_INVALID', 'This image carries no badge: nothing is baked into it.', {
      reason: 'not-baked'
    })
  }
  if (unbaked.encoding === 'jwt') {
    fail(
      'CREDENTIAL_INVALID',
      'Credentials as JWTs (VC-JWT, OB 2.0 signed) cannot be checked by Kiln yet.',
      {
        reason: 'jwt'
      }
    )
  }
  const watched = watchOffline(memoFetcher(fetcher))
  const kind = generationOf(unbaked.credentialText, unbaked.obVersion)
  let verdict: ImportVerdict
  try {
    verdict =
      kind === 'ob3'
        ? await verifyOb3Import(unbaked.credentialText, recipient.emails, watched.fetcher)
        : await verifyOb2Import(unbaked.credentialText, recipient.emails, watched.fetcher)
  } catch (error) {
    throw watched.offline() ?? error
  }
  const offline = watched.offline()
  if (offline) throw offline
  if (!verdict.ok) {
    fail('CREDENTIAL_INVALID', `Kiln did not import this badge: ${verdict.reason}`, {
      reason: verdict.reason,
      checks: verdict.checks
    })
  }
  const badge = verdict.badge
  return station.queue.run(() => {
    // The recipient may have been merged while the badge was being verified.
    const owner = recipientOf(station, recipient.id)
    const index = station.importedBadges
    const twice = index
      .of(heldIds(station, owner.id))
      .find((b) => b.credentialId === badge.credentialId)
    if (twice) {
      fail(
        'CONFLICT',
        `This badge is already in ${badge.email}’s record (imported ${twice.importedAt}).`,
        { existingId: twice.id }
      )
    }
    const now = new Date().toISOString()
    const id = 'imp-' + randomUUID()
    station.journal.append({
      type: 'recipient.badgeImported',
      data: {
        id,
        recipientId: owner.id,
        kind,
        format: unbaked.format === 'jwt' ? 'json' : unbaked.format,
        issuer: badge.issuer,
        achievement:
          input.credits !== undefined
            ? { ...badge.achievement, credits: input.credits }
            : badge.achievement,
        credentialId: badge.credentialId,
        ...(badge.issuedOn ? { issuedOn: badge.issuedOn } : {}),
        ...(badge.expires ? { expires: badge.expires } : {}),
        email: badge.email,
        ...(input.countsAsBadgeId ? { countsAsBadgeId: input.countsAsBadgeId } : {}),
        importedAt: now,
        verifiedAt: now,
        checks: [...badge.checks],
        document: unbaked.credentialText,
        operator: defaultOperator()
      }
    })
    station.bus.emit('data:changed', { domain: 'recipients' })
    const stored = index.get(id)
    if (!stored) fail('INTERNAL', 'The imported badge was journaled but is not in the index.')
    return stored
  })
}

export function importedBadgesFor(station: Station, recipientId: string): ImportedBadge[] {
  station.requireInitialized()
  const recipient = recipientOf(station, recipientId)
  const held = heldIds(station, recipient.id)
  return station.importedBadges.of(held)
}

export function removeImportedBadge(station: Station, id: string): { id: string } {
  station.requireInitialized()
  if (!station.importedBadges.get(id)) {
    fail('NOT_FOUND', `There is no imported badge with id "${id}".`, { field: 'id' })
  }
  station.journal.append({
    type: 'recipient.badgeImportRemoved',
    data: { id, at: new Date().toISOString(), operator: defaultOperator() }
  })
  station.bus.emit('data:changed', { domain: 'recipients' })
  return { id }
}
