/**
 * Setting up a new station: key first, then the journal's first line, then station.json (whose
 * hash the journal records before it is renamed into place). A station exists only once
 * station.json exists, so a crash in between leaves no half-station; the next setup moves the
 * files of an unfinished one aside (never deletes them).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, renameSync } from 'node:fs'
import { logger } from '../logger.js'
import { generateKey, writeKeyFile } from '../keys/keystore.js'
import { didKeyFromPublicKey, didWebFromSiteUrl, verificationMethodFor } from '../keys/did.js'
import type { StationJournal } from '../journal/station-journal.js'
import { CATALOG_FORMAT } from '../catalog/schema.js'
import { CATALOG_SCHEMA_VERSION } from '../catalog/migrations.js'
import { newStationId, normaliseSiteUrl } from './ids.js'
import { STATUS_LIST_BITS, type StationCatalog } from './catalog-model.js'
import type { InitInput, Station } from './station.js'

export function scryptCost(): number | undefined {
  const raw = process.env.KILN_SCRYPT_N
  if (!raw) return undefined
  const n = Number(raw)
  // Only for tests and benchmarks; never weaker than 2^14.
  return Number.isInteger(n) && n >= 16384 && (n & (n - 1)) === 0 ? n : undefined
}

export type StorageSetup = Readonly<{
  openJournal(stationId: string): StationJournal
  createCatalog(journal: StationJournal, catalog: StationCatalog): Promise<void>
}>

export async function createStation(
  station: Station,
  input: InitInput,
  storage: StorageSetup
): Promise<void> {
  setAsideOrphans(station)
  const now = new Date().toISOString()
  const { keyFile, publicKey } = await generateKey(input.passphrase, { scryptN: scryptCost() })
  const siteUrl = normaliseSiteUrl(input.siteUrl)
  const issuerId = input.did === 'key' ? didKeyFromPublicKey(publicKey) : didWebFromSiteUrl(siteUrl)
  const stationId = newStationId()
  const catalog: StationCatalog = {
    format: CATALOG_FORMAT,
    schemaVersion: CATALOG_SCHEMA_VERSION,
    stationId,
    createdAt: now,
    siteUrl,
    didMethod: input.did,
    issuer: {
      id: issuerId,
      type: ['Profile'],
      name: input.issuerName,
      url: input.issuerUrl,
      ...(input.issuerEmail ? { email: input.issuerEmail } : {})
    },
    keys: [
      {
        publicKeyMultibase: keyFile.publicKeyMultibase,
        verificationMethod: verificationMethodFor(issuerId, publicKey),
        createdAt: now
      }
    ],
    statusList: { url: `${siteUrl}status/${stationId}-1.json`, lengthBits: STATUS_LIST_BITS },
    badges: [],
    rules: [],
    personalPages: { key: randomBytes(32).toString('hex'), showcases: {} }
  }
  await writeKeyFile(station.paths.key, keyFile)
  const journal = storage.openJournal(stationId)
  journal.append({
    type: 'station.initialized',
    data: { stationId, issuerId, siteUrl, publicKeyMultibase: keyFile.publicKeyMultibase }
  })
  await storage.createCatalog(journal, catalog)
}

/** Files left by a setup that crashed before station.json existed are moved aside, never deleted. */
function setAsideOrphans(station: Station): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  for (const file of [station.paths.key, station.paths.journal, station.paths.journalSeal]) {
    if (existsSync(file)) {
      const aside = `${file}.orphan-${stamp}`
      renameSync(file, aside)
      logger.warn(`moved an unfinished setup's file aside: ${aside}`)
    }
  }
}
