/** The issuer's keys: this station's (current and rotated) and merged stations', with how many credentials each signed. */
import type { Station } from '../station/station.js'
import { fingerprint } from '../keys/keystore.js'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import { readMergedStations } from './merged-stations.js'

export type KeyListEntry = Readonly<{
  publicKeyMultibase: string
  verificationMethod: string
  fingerprint: string
  createdAt: string
  stationId: string
  current: boolean
  credentials: number
}>

export function listKeys(station: Station): KeyListEntry[] {
  const catalog = station.catalog
  const counts = new Map<string, number>()
  for (const award of station.awards.list(new Date(0))) {
    const proof = station.awards.credential(award.id)?.proof
    const first = Array.isArray(proof)
      ? (proof[0] as { verificationMethod?: unknown } | undefined)
      : (proof as { verificationMethod?: unknown } | undefined)
    const vm = typeof first?.verificationMethod === 'string' ? first.verificationMethod : ''
    const key = vm.split('#')[1] ?? ''
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const current = catalog.keys.at(-1)?.publicKeyMultibase
  const rows = [
    ...catalog.keys.map((k) => ({ k, stationId: catalog.stationId })),
    ...readMergedStations(station.paths.dataDir).flatMap((m) =>
      m.keys.map((k) => ({ k, stationId: m.stationId }))
    )
  ]
  return rows.map(({ k, stationId }) => ({
    publicKeyMultibase: k.publicKeyMultibase,
    verificationMethod: k.verificationMethod,
    fingerprint: fingerprint(decodePublicKeyMultibase(k.publicKeyMultibase)),
    createdAt: k.createdAt,
    stationId,
    current: k.publicKeyMultibase === current,
    credentials: counts.get(k.publicKeyMultibase) ?? 0
  }))
}
