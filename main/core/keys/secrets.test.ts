import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { freshKit, KIT_PASSPHRASE, type Kit } from '../awards/test-support/station-kit.js'
import { generateKey, unlockKey, type UnlockedKey } from './keystore.js'
import { deleteSecret, putSecret, readSecret, resealSecrets, type SecretHolder } from './secrets.js'

const N = 2 ** 14
const SECRET = 'smtp-pässwörd-Ω-42'

async function newKey(pass = 'a passphrase'): Promise<UnlockedKey> {
  const { keyFile } = await generateKey(pass, { scryptN: N })
  return unlockKey(keyFile, pass)
}

function failure(fn: () => unknown): KilnFailure {
  try {
    fn()
  } catch (e) {
    if (e instanceof KilnFailure) return e
    throw e
  }
  throw new Error('expected a KilnFailure')
}

describe('sealed secrets', () => {
  it('round-trip for their purpose only, with the key that sealed them', async () => {
    const key = await newKey()
    const holder: SecretHolder = {}
    putSecret(holder, key, 'mail:smtp', SECRET)
    expect(JSON.stringify(holder)).not.toContain('pässwörd')
    expect(readSecret(holder, key, 'mail:smtp')).toBe(SECRET)
    expect(readSecret(holder, key, 'publish:site')).toBeUndefined()

    // Moved to another purpose (swapping entries in station.json) it does not open.
    const swapped: SecretHolder = { secrets: { 'publish:site': holder.secrets!['mail:smtp']! } }
    expect(failure(() => readSecret(swapped, key, 'publish:site')).code).toBe('STORAGE_CORRUPT')

    const other = await newKey('another passphrase')
    expect(failure(() => readSecret(holder, other, 'mail:smtp')).code).toBe('STORAGE_CORRUPT')

    // One changed byte of the ciphertext is detected.
    const sealed = holder.secrets!['mail:smtp']!
    const bytes = Buffer.from(sealed.ciphertext, 'base64')
    bytes[0] = (bytes[0] ?? 0) ^ 1
    const tampered: SecretHolder = {
      secrets: { 'mail:smtp': { ...sealed, ciphertext: bytes.toString('base64') } }
    }
    expect(failure(() => readSecret(tampered, key, 'mail:smtp')).code).toBe('STORAGE_CORRUPT')

    key.lock()
    expect(failure(() => readSecret(holder, key, 'mail:smtp')).code).toBe('LOCKED')
    deleteSecret(holder, 'mail:smtp')
    expect(holder.secrets).toEqual({})
  })

  it('are re-sealed under the new key when the station key rotates', async () => {
    const a = await newKey()
    const b = await newKey()
    const holder: SecretHolder = {}
    putSecret(holder, a, 'publish:site', SECRET)
    resealSecrets(holder, a, b)
    expect(holder.secrets!['publish:site']!.key).toBe(b.publicKeyMultibase)
    expect(readSecret(holder, b, 'publish:site')).toBe(SECRET)
  })
})

describe('a station’s secrets', () => {
  let kit: Kit | undefined
  afterEach(async () => {
    await kit?.close()
    kit = undefined
  })

  it('survive a key rotation and never reach station.json in plaintext', async () => {
    kit = await freshKit()
    const station = kit.core.station
    putSecret(station.catalog, station.signer, 'mail:smtp', SECRET)
    await station.saveCatalog()
    await kit.call('keys:rotate', { passphrase: KIT_PASSPHRASE })
    expect(readSecret(station.catalog, station.signer, 'mail:smtp')).toBe(SECRET)
    await kit.reopen()
    await kit.call('station:unlock', { passphrase: KIT_PASSPHRASE })
    const reopened = kit.core.station
    expect(readSecret(reopened.catalog, reopened.signer, 'mail:smtp')).toBe(SECRET)
    const onDisk = fs.readFileSync(`${kit.dir}/station.json`, 'utf8')
    expect(onDisk).toContain('kiln-secret/1')
    expect(onDisk).not.toContain('pässwörd')
  })
})
