/**
 * Several stations, one issuer. A station exports (for the lead station) its own awards and
 * revocations as journal items, its public keys, and its own status list signed with its own
 * key (the lead cannot sign for another station's key, so each station's list travels signed
 * from where it was made). The lead merges: the file's JCS signature must verify with one of
 * its keys, every credential must verify with one of its keys, the status list must be the
 * station's own and verify; awards are unioned by id, revocations applied once, and the
 * station's keys and status list recorded (a newer export wins, an older one changes
 * nothing). Merging the same file twice changes nothing.
 *
 * The file holds recipients' e-mail addresses (needed to rebuild OB 2.0 assertions and the
 * lead's award list): it is private, written 0600, never part of a bundle.
 */
import { base58 } from '@scure/base'
import canonicalize from 'canonicalize'
import type { Station } from '../station/station.js'
import type { StationKeyRecord } from '../station/catalog-model.js'
import type { AwardIssuedData, AwardRevokedData } from '../awards/ledger.js'
import { eventDef, type NewEvent } from '../journal/registry.js'
import { fail } from '../failure.js'
import { verifyDocumentProof } from '../credentials/data-integrity.js'
import { verifyStatusListCredential } from '../credentials/verify.js'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import { verifyEd25519 } from '../keys/ed25519.js'
import { verificationMethodFor } from '../keys/did.js'
import { sha256Hex } from './manifest.js'
import { readMergedStations, writeMergedStation, type MergedStatusList } from './merged-stations.js'
import { ownStatusListsInputs, signOwnStatusList } from './own-status-list.js'

export const STATION_EXPORT_FORMAT = 'kiln-station-export/1'

type ExchangeItem =
  | { type: 'award.issued'; ts: string; data: AwardIssuedData }
  | { type: 'award.revoked'; ts: string; data: AwardRevokedData }

export type StationExport = {
  format: typeof STATION_EXPORT_FORMAT
  stationId: string
  issuerId: string
  siteUrl: string
  journalSeq: number
  keys: StationKeyRecord[]
  /** List 1 (what Kilns before rollover read). */
  statusListUrl: string
  statusList: Record<string, unknown>
  /** Every list of the station, list 1 first (absent in exports of Kilns before rollover). */
  statusLists?: MergedStatusList[]
  items: ExchangeItem[]
  signature: { verificationMethod: string; signatureValue: string }
}

export type StationMergeResult = Readonly<{
  stationId: string
  added: number
  revoked: number
  keys: number
  statusListUpdated: boolean
  unchanged: boolean
}>

const jcs = (v: unknown): string => (canonicalize as unknown as (x: unknown) => string)(v)

export async function exportStation(station: Station): Promise<StationExport> {
  const signer = station.signer
  const catalog = station.catalog
  const own = catalog.stationId
  const items: ExchangeItem[] = []
  for (const entry of station.journal.entries()) {
    if (entry.type === 'award.issued') {
      const data = entry.data
      if (data.award.stationId === own) items.push({ type: 'award.issued', ts: entry.ts, data })
    } else if (entry.type === 'award.revoked') {
      const data = entry.data
      if (station.awards.record(data.awardId)?.stationId === own) {
        items.push({ type: 'award.revoked', ts: entry.ts, data })
      }
    }
  }
  const statusLists: MergedStatusList[] = []
  for (const inputs of ownStatusListsInputs(station)) {
    statusLists.push({ url: inputs.url, statusList: await signOwnStatusList(station, inputs) })
  }
  const first = statusLists[0]
  if (!first) fail('INTERNAL', 'The station has no status list.')
  const body = {
    format: STATION_EXPORT_FORMAT,
    stationId: own,
    issuerId: catalog.issuer.id,
    siteUrl: catalog.siteUrl,
    journalSeq: station.journal.head.seq,
    keys: [...catalog.keys],
    statusListUrl: first.url,
    statusList: first.statusList,
    ...(statusLists.length > 1 ? { statusLists } : {}),
    items
  } satisfies Omit<StationExport, 'signature'>
  const signature = signer.sign(Buffer.from(jcs(body), 'utf8'))
  station.journal.append({
    type: 'station.exported',
    data: { journalSeq: body.journalSeq, awards: items.length }
  })
  return {
    ...body,
    signature: {
      verificationMethod: verificationMethodFor(catalog.issuer.id, signer.publicKey),
      signatureValue: 'z' + base58.encode(signature)
    }
  }
}

function invalid(message: string): never {
  fail('INVALID_INPUT', `The station file ${message}.`, { field: 'file' })
}

function parseExport(value: unknown): StationExport {
  if (value === null || typeof value !== 'object') invalid('is not JSON')
  const v = value as Partial<StationExport>
  if (v.format !== STATION_EXPORT_FORMAT) {
    invalid(`is not a Kiln station export (format ${JSON.stringify(v.format)})`)
  }
  if (
    typeof v.stationId !== 'string' ||
    typeof v.issuerId !== 'string' ||
    typeof v.siteUrl !== 'string'
  ) {
    invalid('has no station, issuer or site')
  }
  if (!Array.isArray(v.keys) || v.keys.length === 0 || !Array.isArray(v.items)) {
    invalid('has no keys or items')
  }
  if (
    typeof v.journalSeq !== 'number' ||
    typeof v.statusListUrl !== 'string' ||
    !v.statusList ||
    !v.signature
  ) {
    invalid('is incomplete')
  }
  if (
    v.statusLists !== undefined &&
    (!Array.isArray(v.statusLists) ||
      !v.statusLists.every(
        (l: unknown) =>
          typeof l === 'object' &&
          l !== null &&
          'url' in l &&
          typeof l.url === 'string' &&
          'statusList' in l &&
          typeof l.statusList === 'object' &&
          l.statusList !== null
      ))
  ) {
    invalid('has status lists that are not lists')
  }
  // Every item must be an award or a revocation that the journal would accept as it is.
  for (const [i, item] of (v.items as unknown[]).entries()) {
    const type = typeof item === 'object' && item !== null && 'type' in item ? item.type : undefined
    const data = typeof item === 'object' && item !== null && 'data' in item ? item.data : undefined
    const def = type === 'award.issued' || type === 'award.revoked' ? eventDef(type) : undefined
    const problem = def ? def.problem(data) : `an item of type ${JSON.stringify(type)}`
    if (problem) invalid(`holds an entry it cannot merge (item ${i + 1}: ${problem})`)
  }
  return v as StationExport
}

export async function mergeStation(station: Station, raw: unknown): Promise<StationMergeResult> {
  const file = parseExport(raw)
  const catalog = station.catalog
  if (file.stationId === catalog.stationId) {
    fail('CONFLICT', 'This file is this station’s own export.')
  }
  if (file.issuerId !== catalog.issuer.id || file.siteUrl !== catalog.siteUrl) {
    fail(
      'CONFLICT',
      `The file is from issuer ${file.issuerId} (${file.siteUrl}), not ${catalog.issuer.id} (${catalog.siteUrl}).`
    )
  }
  const keys = new Map<string, Uint8Array>()
  for (const k of file.keys) {
    try {
      keys.set(
        verificationMethodFor(file.issuerId, decodePublicKeyMultibase(k.publicKeyMultibase)),
        decodePublicKeyMultibase(k.publicKeyMultibase)
      )
    } catch {
      invalid(`lists a key that is not an Ed25519 Multikey (${String(k.publicKeyMultibase)})`)
    }
  }
  const { signature, ...body } = file
  const signingKey = keys.get(signature.verificationMethod)
  let sig: Uint8Array | undefined
  try {
    sig = base58.decode(signature.signatureValue.slice(1))
  } catch {
    sig = undefined
  }
  if (!signingKey || !sig || !verifyEd25519(signingKey, Buffer.from(jcs(body), 'utf8'), sig)) {
    invalid('signature does not verify with its station’s keys')
  }
  const lists = file.statusLists ?? [{ url: file.statusListUrl, statusList: file.statusList }]
  if (lists[0]?.url !== file.statusListUrl) invalid('status lists do not start with list 1')
  for (const { url, statusList } of lists) {
    const list = await verifyStatusListCredential(statusList, file.issuerId)
    const listVm = (statusList.proof as { verificationMethod?: string }[] | undefined)?.[0]
      ?.verificationMethod
    if (!list.ok || !listVm || !keys.has(listVm)) {
      invalid(
        `status list does not verify (${list.ok ? 'not signed by its station' : list.reason})`
      )
    }
    if (statusList.id !== url) invalid('status list is not at its own URL')
  }
  const listUrls = new Set(lists.map((l) => l.url))

  // Awards unioned by id; every credential must verify with one of the station's keys.
  const fresh: NewEvent[] = []
  const incoming = new Set<string>()
  for (const item of file.items) {
    if (item.type !== 'award.issued') continue
    const { award } = item.data
    const credential =
      item.data.credential ??
      (JSON.parse(item.data.credentialJson ?? '{}') as Record<string, unknown>)
    if (award.stationId !== file.stationId) invalid(`holds award ${award.id} of another station`)
    incoming.add(award.id)
    if (station.awards.record(award.id)) continue
    const proof = (credential.proof as { verificationMethod?: string }[] | undefined)?.[0]
    const key = proof?.verificationMethod ? keys.get(proof.verificationMethod) : undefined
    if (!key || !(await verifyDocumentProof(credential, key)).ok) {
      invalid(`credential of award ${award.id} does not verify with its station’s keys`)
    }
    const pointsAt = (credential.credentialStatus as { statusListCredential?: string } | undefined)
      ?.statusListCredential
    if (pointsAt === undefined || !listUrls.has(pointsAt)) {
      invalid(`credential of award ${award.id} does not point at its station’s status list`)
    }
    fresh.push({ type: 'award.issued', data: item.data })
  }
  let revoked = 0
  for (const item of file.items) {
    if (item.type !== 'award.revoked') continue
    const id = item.data.awardId
    if (!incoming.has(id)) continue
    if (station.awards.view(id)?.revokedAt) continue
    fresh.push({ type: 'award.revoked', data: item.data })
    revoked++
  }
  // The journal feeds the appended entries to the ledger (and every other projection).
  if (fresh.length > 0) station.journal.appendMany(fresh)

  // Keys and the status list: a newer export replaces the record; an older one changes nothing.
  const before = readMergedStations(station.paths.dataDir).find(
    (m) => m.stationId === file.stationId
  )
  const newer = !before || file.journalSeq > before.journalSeq
  const knownKeys = new Map((before?.keys ?? []).map((k) => [k.publicKeyMultibase, k]))
  for (const k of file.keys) {
    if (!knownKeys.has(k.publicKeyMultibase)) knownKeys.set(k.publicKeyMultibase, k)
  }
  const keysChanged = knownKeys.size !== (before?.keys.length ?? 0)
  if (newer || keysChanged) {
    await writeMergedStation(station.paths.dataDir, {
      format: 'kiln-merged-station/1',
      stationId: file.stationId,
      issuerId: file.issuerId,
      keys: [...knownKeys.values()],
      statusList: newer ? file.statusList : (before?.statusList ?? file.statusList),
      statusListUrl: file.statusListUrl,
      ...(newer
        ? lists.length > 1
          ? { statusLists: lists }
          : {}
        : before?.statusLists
          ? { statusLists: before.statusLists }
          : {}),
      journalSeq: Math.max(file.journalSeq, before?.journalSeq ?? 0)
    })
  }
  const unchanged = fresh.length === 0 && !newer && !keysChanged
  if (!unchanged) {
    station.journal.append({
      type: 'station.merged',
      data: {
        stationId: file.stationId,
        journalSeq: file.journalSeq,
        added: fresh.length - revoked,
        revoked,
        fileHash: sha256Hex(jcs(body))
      }
    })
    station.bus.emit('data:changed', { domain: 'awards' })
  }
  return {
    stationId: file.stationId,
    added: fresh.length - revoked,
    revoked,
    keys: knownKeys.size,
    statusListUpdated: newer,
    unchanged
  }
}
