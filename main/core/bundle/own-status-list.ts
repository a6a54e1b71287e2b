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

/**
 * The inputs of every list of this station (1 … the newest), from the ledger's per-list bitmaps
 * (no pass over the awards: cheap at a million).
 */
export function ownStatusListsInputs(station: Station): OwnStatusListInputs[] {
  const catalog = station.catalog
  const slots = station.awards.statusSlots
  const keyMultibase = catalog.keys.at(-1)?.publicKeyMultibase ?? ''
  return slots.listNumbers().map((list) => {
    const last = slots.lastRevokedAt(list)
    const validFrom = last > catalog.createdAt ? last : catalog.createdAt
    return {
      list,
      url: ownStatusListUrl(station, list),
      indexes: slots.revokedIndexes(list),
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
  const signer = await station.signerSoon()
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
