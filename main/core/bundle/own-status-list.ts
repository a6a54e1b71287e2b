/**
 * This station's Bitstring Status List, signed with its current key. Deterministic: the bits
 * come from the revocations in the journal, `validFrom` and the proof's `created` are the
 * time of the newest revocation (the station's creation if none), and Ed25519 is
 * deterministic, so the same state gives the same bytes. It carries a validity hint as the
 * Bitstring Status List spec suggests: `credentialSubject.ttl` (milliseconds a verifier may cache
 * it), not `validUntil`, which would have to come from the clock and break determinism.
 */
import type { Station } from '../station/station.js'
import { signDocument } from '../credentials/data-integrity.js'
import { verificationMethodFor } from '../keys/did.js'
import { StatusBitstring } from '../status/bitstring.js'
import { buildStatusListCredential } from '../status/status-list-credential.js'

/** One hour: how long a verifier may keep the list before fetching it again. */
export const STATUS_LIST_TTL_MS = 3_600_000

export type OwnStatusListInputs = Readonly<{
  indexes: readonly number[]
  validFrom: string
  keyMultibase: string
}>

export function ownStatusListInputs(station: Station): OwnStatusListInputs {
  const catalog = station.catalog
  let validFrom = catalog.createdAt
  const indexes: number[] = []
  for (const id of station.awards.ids()) {
    const revocation = station.awards.revocation(id)
    if (!revocation) continue
    const record = station.awards.brief(id)
    if (!record || record.stationId !== catalog.stationId) continue
    indexes.push(record.statusIndex)
    if (revocation.revokedAt > validFrom) validFrom = revocation.revokedAt
  }
  indexes.sort((a, b) => a - b)
  return {
    indexes,
    validFrom: validFrom.replace(/\.\d{3}Z$/, 'Z'),
    keyMultibase: catalog.keys.at(-1)?.publicKeyMultibase ?? ''
  }
}

export async function signOwnStatusList(
  station: Station,
  inputs = ownStatusListInputs(station)
): Promise<Record<string, unknown>> {
  const catalog = station.catalog
  const bits = new StatusBitstring(catalog.statusList.lengthBits)
  for (const i of inputs.indexes) bits.set(i, true)
  const unsigned = buildStatusListCredential({
    listUrl: catalog.statusList.url,
    issuer: catalog.issuer,
    encodedList: bits.encode(),
    validFrom: inputs.validFrom
  })
  const signer = station.signer
  const withTtl = {
    ...unsigned,
    credentialSubject: { ...unsigned.credentialSubject, ttl: STATUS_LIST_TTL_MS }
  }
  return signDocument(
    withTtl,
    {
      verificationMethod: verificationMethodFor(catalog.issuer.id, signer.publicKey),
      created: inputs.validFrom
    },
    signer
  )
}
