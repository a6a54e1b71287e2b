/**
 * Replacing the signing key (did:web issuers only; a did:key issuer is its key). The new key is
 * sealed with the same passphrase; the old public key stays in catalog.keys (and so in did.json)
 * so that credentials it signed keep verifying. Crash-safe order: the new key file is written
 * beside key.json, then station.json names it, then it is renamed over key.json
 * (finishKeyRotation completes that last step after a crash).
 */
import { existsSync, renameSync } from 'node:fs'
import type { StationStatus } from '../../../shared/types.js'
import { fail } from '../failure.js'
import { logger } from '../logger.js'
import { generateKey, readKeyFile, unlockKey, writeKeyFile } from '../keys/keystore.js'
import { verificationMethodFor } from '../keys/did.js'
import { resealSecrets } from '../keys/secrets.js'
import { scryptCost } from './init-station.js'
import type { Station } from './station.js'

export async function rotateKey(station: Station, passphrase: string): Promise<StationStatus> {
  const catalog = station.catalog
  if (catalog.didMethod !== 'web') {
    fail(
      'INVALID_INPUT',
      'This station’s issuer is a did:key, which is its key: it cannot be rotated.'
    )
  }
  const old = await unlockKey(await readKeyFile(station.paths.key), passphrase)
  const next = `${station.paths.key}.next`
  const { keyFile, publicKey, key } = await (async () => {
    try {
      const generated = await generateKey(passphrase, { scryptN: scryptCost() })
      await writeKeyFile(next, generated.keyFile)
      const key = await unlockKey(generated.keyFile, passphrase)
      // Saved connection secrets move to the new key in the same catalog write that names it
      // (a failed write puts memory back as it is on disk, secrets included).
      resealSecrets(catalog, old, key)
      return { ...generated, key }
    } finally {
      old.lock()
    }
  })()
  const previous = catalog.keys.at(-1)?.publicKeyMultibase
  catalog.keys.push({
    publicKeyMultibase: keyFile.publicKeyMultibase,
    verificationMethod: verificationMethodFor(catalog.issuer.id, publicKey),
    createdAt: new Date().toISOString()
  })
  try {
    await station.saveCatalog()
  } catch (error) {
    key.lock()
    throw error
  }
  renameSync(next, station.paths.key)
  station.journal.append({
    type: 'key.rotated',
    data: { ...(previous ? { previous } : {}), publicKeyMultibase: keyFile.publicKeyMultibase }
  })
  await station.replaceKey(key, passphrase)
  station.bus.emit('data:changed', { domain: 'station' })
  return station.status()
}

/** A rotation interrupted after station.json named the new key: put its key file in place. */
export async function finishKeyRotation(station: Station): Promise<void> {
  const next = `${station.paths.key}.next`
  if (!existsSync(next)) return
  const file = await readKeyFile(next)
  if (file.publicKeyMultibase === station.catalog.keys.at(-1)?.publicKeyMultibase) {
    renameSync(next, station.paths.key)
    logger.warn('finished an interrupted key rotation')
  } else {
    const aside = `${next}.orphan-${new Date().toISOString().replace(/[:.]/g, '-')}`
    renameSync(next, aside)
    logger.warn(`moved an unfinished key rotation's file aside: ${aside}`)
  }
}
