/** station:status: what the header and `kiln status` show. */
import type { StationStatus } from '../../../shared/types.js'
import { fingerprint } from '../keys/keystore.js'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import type { StationCatalog } from './catalog-model.js'
import type { Station } from './station.js'

export function stationStatus(
  station: Station,
  catalog: StationCatalog | undefined
): StationStatus {
  const counts = {
    awards: station.awards.size,
    badges: catalog?.badges.length ?? 0,
    recipients: Math.max(station.recipients.size, station.awards.recipientCount())
  }
  if (!catalog) {
    return { initialized: false, locked: true, dataDir: station.paths.dataDir, counts }
  }
  const current = catalog.keys.at(-1)
  const key = current
    ? {
        fingerprint: fingerprint(decodePublicKeyMultibase(current.publicKeyMultibase)),
        publicKeyMultibase: current.publicKeyMultibase,
        verificationMethod: current.verificationMethod,
        createdAt: current.createdAt
      }
    : undefined
  const refused = station.queue.refusal
  return {
    initialized: true,
    locked: station.locked,
    dataDir: station.paths.dataDir,
    stationId: catalog.stationId,
    siteUrl: catalog.siteUrl,
    issuer: catalog.issuer,
    ...(key ? { key } : {}),
    counts,
    ...(refused ? { refusedWrites: refused.toError() } : {}),
    ...(catalog.desk
      ? { desk: { operators: [...catalog.desk.operators], since: catalog.desk.since } }
      : {})
  }
}
