/**
 * This station's Bitstring Status Lists (list 1, and lists 2, 3, … once list 1 rolled over:
 * status/rollover.ts), each signed with its current key. Deterministic: the bits come from the
 * revocations in the journal, `validFrom` and the proof's `created` are the time of the newest
 * revocation in that list (the station's creation if none), and Ed25519 is
 * deterministic, so the same state gives the same bytes. It carries a validity hint as the
 * Bitstring Status List spec suggests: `credentialSubject.ttl` (milliseconds a verifier may cache
 * it), not `validUntil`, which would have to come from the clock and break determinism.
 */
import type { Station } from '../station/station.js'
import { signDocument } from '../credentials/data-integrity.js'
import { verificationMethodFor } from '../keys/did.js'
import { StatusBitstring } from '../status/bitstring.js'
import { buildStatusListCredential } from '../status/status-list-credential.js'
import { slotOf } from '../awards/ledger.js'
import { ownStatusListUrl } from '../awards/status-allocation.js'

/** One hour: how long a verifier may keep the list before fetching it again. */
export const STATUS_LIST_TTL_MS = 3_600_000

export type OwnStatusListInputs = Readonly<{
  /** The list's number (1, 2, …) and URL. */
  list: number
  url: string
  indexes: readonly number[]
  validFrom: string
  keyMultibase: string
}>

/** The inputs of every list of this station (1 … the newest), in one pass over the awards. */
export function ownStatusListsInputs(station: Station): OwnStatusListInputs[] {
  const catalog = station.catalog
  const lists = station.awards.statusSlots.listNumbers()
  const revoked = lists.map(() => ({ indexes: [] as number[], validFrom: catalog.createdAt }))
  for (const id of station.awards.ids()) {
    const revocation = station.awards.revocation(id)
    if (!revocation) continue
    const record = station.awards.record(id)
    if (!record || record.stationId !== catalog.stationId) continue
    const slot = slotOf(record)
    const into = revoked[slot.list - 1]
    if (!into) continue
    into.indexes.push(slot.index)
    if (revocation.revokedAt > into.validFrom) into.validFrom = revocation.revokedAt
  }
  const keyMultibase = catalog.keys.at(-1)?.publicKeyMultibase ?? ''
  return lists.map((list, i) => {
    const { indexes, validFrom } = revoked[i] ?? { indexes: [], validFrom: catalog.createdAt }
    return {
      list,
      url: ownStatusListUrl(station, list),
      indexes: indexes.sort((a, b) => a - b),
      validFrom: validFrom.replace(/\.\d{3}Z$/, 'Z'),
      keyMultibase
    }
  })
}

/** The inputs of one list (list 1 by default). */
export function ownStatusListInputs(station: Station, list = 1): OwnStatusListInputs {
  const found = ownStatusListsInputs(station).find((l) => l.list === list)
  return (
    found ?? {
      list,
      url: ownStatusListUrl(station, list),
      indexes: [],
      validFrom: station.catalog.createdAt.replace(/\.\d{3}Z$/, 'Z'),
      keyMultibase: station.catalog.keys.at(-1)?.publicKeyMultibase ?? ''
    }
  )
}

export async function signOwnStatusList(
  station: Station,
  inputs = ownStatusListInputs(station)
): Promise<Record<string, unknown>> {
  const catalog = station.catalog
  const bits = new StatusBitstring(catalog.statusList.lengthBits)
  for (const i of inputs.indexes) bits.set(i, true)
  const unsigned = buildStatusListCredential({
    listUrl: inputs.url,
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
