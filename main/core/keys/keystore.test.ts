import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inspect } from 'node:util'
import { createDecipheriv, createHash, scryptSync } from 'node:crypto'
import { base58 } from '@scure/base'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as ed from '@noble/ed25519'
import { KilnFailure } from '../failure.js'
import { verifyEd25519 } from './ed25519.js'
import { encodePublicKeyMultibase, encodeSecretKeyMultibase } from './multikey.js'
import {
  DEFAULT_SCRYPT_N,
  changePassphrase,
  fingerprint,
  generateKey,
  parseKeyFile,
  readKeyFile,
  unlockKey,
  writeKeyFile,
  type KeyFile
} from './keystore.js'

const N = 2 ** 14
const pass = 'correct horse battery staple'
const message = new TextEncoder().encode('an OpenBadgeCredential, canonicalised')
let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

async function failureOf(promise: Promise<unknown>): Promise<KilnFailure> {
  try {
    await promise
  } catch (e) {
    if (e instanceof KilnFailure) return e
    throw e
  }
  throw new Error('expected a KilnFailure')
}

/**
 * Decrypts a key file independently of keystore.ts, from its documented format alone
 * (scrypt → AES-256-GCM, AAD "kiln-key/1\n" + publicKeyMultibase), to get the seed the
 * leak checks look for.
 */
function decryptSeed(keyFile: KeyFile, passphrase: string): Uint8Array {
  const { N: n, r, p, salt } = keyFile.kdf
  const key = scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32, {
    N: n,
    r,
    p,
    maxmem: 512 * 1024 * 1024
  })
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(keyFile.cipher.iv, 'base64'))
  decipher.setAAD(Buffer.from(`kiln-key/1\n${keyFile.publicKeyMultibase}`))
  decipher.setAuthTag(Buffer.from(keyFile.cipher.tag, 'base64'))
  return new Uint8Array(
    Buffer.concat([decipher.update(Buffer.from(keyFile.ciphertext, 'base64')), decipher.final()])
  )
}

async function generateWithKnownSeed(
  passphrase = pass
): Promise<{ keyFile: KeyFile; publicKey: Uint8Array; seed: Uint8Array }> {
  const { keyFile, publicKey } = await generateKey(passphrase, { scryptN: N })
  const seed = decryptSeed(keyFile, passphrase)
  expect(seed).toHaveLength(32)
  expect(await ed.getPublicKeyAsync(seed)).toEqual(publicKey)
  return { keyFile, publicKey, seed }
}

function seedForms(seed: Uint8Array): string[] {
  const buf = Buffer.from(seed)
  return [
    buf.toString('hex'),
    buf.toString('hex').toUpperCase(),
    buf.toString('base64'),
    buf.toString('base64url'),
    base58.encode(seed),
    encodeSecretKeyMultibase(seed),
    JSON.stringify(Array.from(seed)).slice(1, -1)
  ]
}

describe('keystore', () => {
  it('generates, unlocks and signs; signatures verify and match @noble', async () => {
    const { keyFile, publicKey, seed } = await generateWithKnownSeed()
    expect(keyFile).toMatchObject({
      format: 'kiln-key/1',
      algorithm: 'Ed25519',
      publicKeyMultibase: encodePublicKeyMultibase(publicKey),
      kdf: { name: 'scrypt', N, r: 8, p: 1 },
      cipher: { name: 'aes-256-gcm' }
    })
    expect(Buffer.from(keyFile.kdf.salt, 'base64')).toHaveLength(16)
    expect(Buffer.from(keyFile.cipher.iv, 'base64')).toHaveLength(12)
    const key = await unlockKey(keyFile, pass)
    expect(key.publicKey).toEqual(publicKey)
    expect(key.publicKeyMultibase).toBe(keyFile.publicKeyMultibase)
    const signature = key.sign(message)
    expect(verifyEd25519(publicKey, message, signature)).toBe(true)
    expect(verifyEd25519(publicKey, new TextEncoder().encode('tampered'), signature)).toBe(false)
    expect(signature).toEqual(await ed.signAsync(message, seed)) // deterministic: same as @noble
    key.lock()
    expect(key.locked).toBe(true)
    let locked: unknown
    try {
      key.sign(message)
    } catch (e) {
      locked = e
    }
    expect(locked).toBeInstanceOf(KilnFailure)
    expect((locked as KilnFailure).code).toBe('LOCKED')
  })

  it('uses scrypt N = 2^17 by default and still unlocks', async () => {
    const { keyFile } = await generateKey(pass, { now: new Date('2026-05-01T10:00:00Z') })
    expect(keyFile.kdf.N).toBe(DEFAULT_SCRYPT_N)
    expect(DEFAULT_SCRYPT_N).toBe(131072)
    expect(keyFile.createdAt).toBe('2026-05-01T10:00:00.000Z')
    const key = await unlockKey(keyFile, pass)
    expect(verifyEd25519(key.publicKey, message, key.sign(message))).toBe(true)
  })

  it('rejects a wrong passphrase with WRONG_PASSPHRASE and leaves the key file unchanged', async () => {
    const { keyFile } = await generateKey(pass, { scryptN: N })
    const file = path.join(dir, 'key.json')
    await writeKeyFile(file, keyFile)
    const before = fs.readFileSync(file)
    const failure = await failureOf(
      unlockKey(await readKeyFile(file), 'Correct horse battery staple')
    )
    expect(failure.code).toBe('WRONG_PASSPHRASE')
    expect(failure.message).toBe('The passphrase does not unlock this station’s key.')
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  })

  it('normalises the passphrase (NFC), so a composed and a decomposed é both unlock', async () => {
    const { keyFile } = await generateKey('caf\u00e9 crème', { scryptN: N })
    await expect(unlockKey(keyFile, 'cafe\u0301 cre\u0300me')).resolves.toBeDefined()
  })

  it('detects a tampered ciphertext, tag, or a swapped public key', async () => {
    const { keyFile } = await generateKey(pass, { scryptN: N })
    const other = await generateKey(pass, { scryptN: N })
    const flip = (b64: string): string => {
      const b = Buffer.from(b64, 'base64')
      b[0] = (b[0] ?? 0) ^ 1
      return b.toString('base64')
    }
    const cases: unknown[] = [
      { ...keyFile, ciphertext: flip(keyFile.ciphertext) },
      { ...keyFile, cipher: { ...keyFile.cipher, tag: flip(keyFile.cipher.tag) } },
      { ...keyFile, publicKeyMultibase: other.keyFile.publicKeyMultibase }
    ]
    for (const tampered of cases) {
      const failure = await failureOf(unlockKey(tampered, pass))
      expect(failure.code).toBe('WRONG_PASSPHRASE') // GCM cannot tell tampering from a wrong passphrase
    }
  })

  it('rejects a malformed key file with STORAGE_CORRUPT naming the field', async () => {
    const { keyFile } = await generateKey(pass, { scryptN: N })
    const bad: Array<[unknown, RegExp]> = [
      [null, /not a JSON object/],
      [{ ...keyFile, format: 'kiln-key/9' }, /format/],
      [{ ...keyFile, publicKeyMultibase: 'z123' }, /publicKeyMultibase/],
      [{ ...keyFile, kdf: { ...keyFile.kdf, N: 2 ** 30 } }, /kdf\.N/],
      [{ ...keyFile, cipher: { ...keyFile.cipher, iv: 'AAAA' } }, /cipher\.iv must be 12 bytes/],
      [{ ...keyFile, ciphertext: '!!' }, /ciphertext is not base64/]
    ]
    for (const [value, why] of bad) {
      const failure = await failureOf(unlockKey(value, pass))
      expect(failure.code).toBe('STORAGE_CORRUPT')
      expect(failure.message).toMatch(/^key\.json /)
      expect(failure.message).toMatch(why)
    }
    const file = path.join(dir, 'key.json')
    fs.writeFileSync(file, '{ not json')
    expect((await failureOf(readKeyFile(file))).code).toBe('STORAGE_CORRUPT')
    expect((await failureOf(readKeyFile(path.join(dir, 'none.json')))).code).toBe('NOT_INITIALIZED')
    expect((await failureOf(generateKey('', { scryptN: N }))).code).toBe('INVALID_INPUT')
  })

  it('never reveals the seed: not in JSON.stringify, util.inspect, String() or the key file', async () => {
    const { keyFile, seed } = await generateWithKnownSeed()
    const file = path.join(dir, 'key.json')
    await writeKeyFile(file, keyFile)
    const key = await unlockKey(keyFile, pass)
    const views = [
      JSON.stringify(key),
      inspect(key, { showHidden: true, depth: 10, getters: true }),
      String(key),
      JSON.stringify(Object.getOwnPropertyDescriptors(key)),
      fs.readFileSync(file, 'utf8'),
      JSON.stringify(keyFile)
    ]
    expect(JSON.parse(JSON.stringify(key))).toEqual({
      publicKeyMultibase: keyFile.publicKeyMultibase,
      locked: false
    })
    expect(inspect(key)).toBe(`UnlockedKey { ${keyFile.publicKeyMultibase} }`)
    for (const view of views) for (const form of seedForms(seed)) expect(view).not.toContain(form)
    expect(Object.isFrozen(key)).toBe(true)
  })

  it('changes the passphrase: new salt and IV, same key; the old passphrase no longer works', async () => {
    const { keyFile, publicKey } = await generateKey(pass, { scryptN: N })
    const next = await changePassphrase(keyFile, pass, 'a new passphrase')
    expect(next.publicKeyMultibase).toBe(keyFile.publicKeyMultibase)
    expect(next.createdAt).toBe(keyFile.createdAt)
    expect(next.kdf.salt).not.toBe(keyFile.kdf.salt)
    expect(next.cipher.iv).not.toBe(keyFile.cipher.iv)
    const key = await unlockKey(next, 'a new passphrase')
    expect(verifyEd25519(publicKey, message, key.sign(message))).toBe(true)
    expect((await failureOf(unlockKey(next, pass))).code).toBe('WRONG_PASSPHRASE')
    expect((await failureOf(changePassphrase(keyFile, 'wrong', 'x'))).code).toBe('WRONG_PASSPHRASE')
    expect(parseKeyFile(JSON.parse(JSON.stringify(next)))).toEqual(next)
  })

  it('fingerprints as SHA256: + base64url without padding of the raw public key', () => {
    const publicKey = Uint8Array.from({ length: 32 }, (_, i) => i)
    const expected = createHash('sha256')
      .update(publicKey)
      .digest('base64')
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
    expect(fingerprint(publicKey)).toBe(`SHA256:${expected}`)
    expect(fingerprint(publicKey)).toMatch(/^SHA256:[A-Za-z0-9_-]{43}$/)
  })
})
