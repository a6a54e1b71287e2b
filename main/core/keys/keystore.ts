/**
 * The station key, encrypted at rest: scrypt derives a key from the passphrase, AES-256-GCM
 * seals the 32-byte Ed25519 seed, with the format and the public key as associated data (so
 * swapping the public key field is detected). Unlocked, the key lives in a node:crypto
 * KeyObject inside a closure: callers get sign() and the public key, never the seed.
 */
import fsp from 'node:fs/promises'
import { inspect } from 'node:util'
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  hkdfSync,
  randomBytes,
  scrypt,
  sign,
  type KeyObject
} from 'node:crypto'
import * as ed from '@noble/ed25519'
import { KilnFailure } from '../failure.js'
import { writeFileAtomic } from '../storage/atomic-write.js'
import { privateKeyObjectFromSeed, rawPublicKey } from './ed25519.js'
import { decodePublicKeyMultibase, encodePublicKeyMultibase } from './multikey.js'

export const KEY_FORMAT = 'kiln-key/1'
export const DEFAULT_SCRYPT_N = 2 ** 17
export const SCRYPT_R = 8
export const SCRYPT_P = 1
/** Cheapest cost a key file may name (tests), dearest it may demand (a tampered file must not eat all memory). */
export const MIN_N = 2 ** 14
export const MAX_N = 2 ** 20

export type KeyFile = {
  format: 'kiln-key/1'
  algorithm: 'Ed25519'
  publicKeyMultibase: string
  createdAt: string
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string }
  cipher: { name: 'aes-256-gcm'; iv: string; tag: string }
  ciphertext: string
}

export type UnlockedKey = Readonly<{
  readonly publicKey: Uint8Array
  readonly publicKeyMultibase: string
  readonly locked: boolean
  sign(data: Uint8Array): Uint8Array
  /**
   * Seals a secret (an SMTP password, a publish target's key) for `purpose` with a subkey of
   * this key (HKDF-SHA256 of the seed): as safe at rest as key.json, readable only unlocked.
   */
  sealSecret(purpose: string, plaintext: string): SealedSecret
  /** Opens what sealSecret sealed for the same purpose with this key; throws otherwise. */
  openSecret(purpose: string, sealed: SealedSecret): string
  lock(): void
}>

export const SECRET_FORMAT = 'kiln-secret/1'

/** A secret sealed by a station key (AES-256-GCM; AAD = format, the key, the purpose). */
export type SealedSecret = Readonly<{
  format: 'kiln-secret/1'
  /** publicKeyMultibase of the key that sealed it (rotation re-seals under the new key). */
  key: string
  iv: string
  tag: string
  ciphertext: string
}>

export type GenerateOptions = Readonly<{ scryptN?: number; now?: Date }>

function corrupt(why: string): KilnFailure {
  return new KilnFailure('STORAGE_CORRUPT', `key.json ${why}; Kiln did not change it.`)
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function b64(value: unknown, bytes: number | undefined, field: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) throw corrupt(`${field} is not base64`)
  const out = Buffer.from(value, 'base64')
  if (bytes !== undefined && out.length !== bytes) throw corrupt(`${field} must be ${bytes} bytes`)
  return out
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0
}

/** Validates the structure of a key file read from disk (or a backup); throws STORAGE_CORRUPT. */
export function parseKeyFile(value: unknown): KeyFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw corrupt('is not a JSON object')
  }
  const v = value as Record<string, unknown>
  if (v.format !== KEY_FORMAT) {
    throw corrupt(`has format ${JSON.stringify(v.format)}, expected "${KEY_FORMAT}"`)
  }
  if (v.algorithm !== 'Ed25519') throw corrupt('algorithm must be "Ed25519"')
  if (typeof v.publicKeyMultibase !== 'string') throw corrupt('publicKeyMultibase is missing')
  try {
    decodePublicKeyMultibase(v.publicKeyMultibase)
  } catch {
    throw corrupt('publicKeyMultibase is not an Ed25519 Multikey')
  }
  if (typeof v.createdAt !== 'string') throw corrupt('createdAt is missing')
  const kdf = v.kdf as Record<string, unknown> | null | undefined
  if (typeof kdf !== 'object' || kdf === null || kdf.name !== 'scrypt') {
    throw corrupt('kdf must be scrypt')
  }
  const { N, r, p } = kdf
  if (typeof N !== 'number' || !isPowerOfTwo(N) || N < MIN_N || N > MAX_N) {
    throw corrupt(`kdf.N must be a power of two from ${MIN_N} to ${MAX_N}`)
  }
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > 32) {
    throw corrupt('kdf.r must be 1 to 32')
  }
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 16) {
    throw corrupt('kdf.p must be 1 to 16')
  }
  const salt = b64(kdf.salt, undefined, 'kdf.salt')
  if (salt.length < 16) throw corrupt('kdf.salt must be at least 16 bytes')
  const cipher = v.cipher as Record<string, unknown> | null | undefined
  if (typeof cipher !== 'object' || cipher === null || cipher.name !== 'aes-256-gcm') {
    throw corrupt('cipher must be aes-256-gcm')
  }
  b64(cipher.iv, 12, 'cipher.iv')
  b64(cipher.tag, 16, 'cipher.tag')
  b64(v.ciphertext, 32, 'ciphertext')
  return {
    format: KEY_FORMAT,
    algorithm: 'Ed25519',
    publicKeyMultibase: v.publicKeyMultibase,
    createdAt: v.createdAt,
    kdf: { name: 'scrypt', N, r, p, salt: kdf.salt as string },
    cipher: { name: 'aes-256-gcm', iv: cipher.iv as string, tag: cipher.tag as string },
    ciphertext: v.ciphertext as string
  }
}

/** scrypt → 32-byte key (also used for encrypted backups). The caller zeroes the result. */
export function deriveKey(
  passphrase: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number
): Promise<Buffer> {
  // NFC: the same passphrase typed on different systems must give the same bytes.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8')
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) => {
      secret.fill(0)
      if (error) reject(error)
      else resolve(key)
    })
  })
}

function aad(publicKeyMultibase: string): Buffer {
  return Buffer.from(`${KEY_FORMAT}\n${publicKeyMultibase}`, 'utf8')
}

async function seal(
  seed: Uint8Array,
  publicKeyMultibase: string,
  passphrase: string,
  N: number,
  createdAt: string
): Promise<KeyFile> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const key = await deriveKey(passphrase, salt, N, SCRYPT_R, SCRYPT_P)
  try {
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(aad(publicKeyMultibase))
    const ciphertext = Buffer.concat([cipher.update(seed), cipher.final()])
    return {
      format: KEY_FORMAT,
      algorithm: 'Ed25519',
      publicKeyMultibase,
      createdAt,
      kdf: { name: 'scrypt', N, r: SCRYPT_R, p: SCRYPT_P, salt: salt.toString('base64') },
      cipher: {
        name: 'aes-256-gcm',
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64')
      },
      ciphertext: ciphertext.toString('base64')
    }
  } finally {
    key.fill(0)
  }
}

/** Decrypts the seed, hands it to `use`, and zeroes it afterwards whatever happens. */
async function withSeed<T>(
  keyFile: unknown,
  passphrase: string,
  use: (seed: Buffer, file: KeyFile) => T
): Promise<T> {
  const file = parseKeyFile(keyFile)
  if (typeof passphrase !== 'string') {
    throw new KilnFailure('INVALID_INPUT', 'A passphrase is required.')
  }
  const { N, r, p } = file.kdf
  const key = await deriveKey(passphrase, Buffer.from(file.kdf.salt, 'base64'), N, r, p)
  let seed: Buffer
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.iv, 'base64'))
    decipher.setAAD(aad(file.publicKeyMultibase))
    decipher.setAuthTag(Buffer.from(file.cipher.tag, 'base64'))
    const part = decipher.update(Buffer.from(file.ciphertext, 'base64'))
    try {
      seed = Buffer.concat([part, decipher.final()])
    } catch {
      throw new KilnFailure(
        'WRONG_PASSPHRASE',
        'The passphrase does not unlock this station’s key.'
      )
    } finally {
      part.fill(0)
    }
  } finally {
    key.fill(0)
  }
  try {
    return use(seed, file)
  } finally {
    seed.fill(0)
  }
}

function checkScryptN(n: number): number {
  if (!isPowerOfTwo(n) || n < MIN_N || n > MAX_N) {
    throw new KilnFailure(
      'INVALID_INPUT',
      `scrypt N must be a power of two from ${MIN_N} to ${MAX_N}.`
    )
  }
  return n
}

function checkNewPassphrase(passphrase: unknown): string {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new KilnFailure('INVALID_INPUT', 'The passphrase must not be empty.', {
      field: 'passphrase'
    })
  }
  return passphrase
}

export async function generateKey(
  passphrase: string,
  options: GenerateOptions = {}
): Promise<{ keyFile: KeyFile; publicKey: Uint8Array }> {
  checkNewPassphrase(passphrase)
  const N = checkScryptN(options.scryptN ?? DEFAULT_SCRYPT_N)
  const seed = ed.utils.randomSecretKey()
  try {
    const publicKey = await ed.getPublicKeyAsync(seed)
    // The signer is node:crypto: make sure both libraries agree on this key before sealing it.
    const nodeKey = rawPublicKey(privateKeyObjectFromSeed(seed))
    if (Buffer.compare(Buffer.from(nodeKey), Buffer.from(publicKey)) !== 0) {
      throw new KilnFailure('INTERNAL', 'The generated key failed its self-check.')
    }
    const createdAt = (options.now ?? new Date()).toISOString()
    const keyFile = await seal(seed, encodePublicKeyMultibase(publicKey), passphrase, N, createdAt)
    return { keyFile, publicKey }
  } finally {
    seed.fill(0)
  }
}

function secretAad(publicKeyMultibase: string, purpose: string): Buffer {
  return Buffer.from(`${SECRET_FORMAT}\n${publicKeyMultibase}\n${purpose}`, 'utf8')
}

function checkPurpose(purpose: string): void {
  if (typeof purpose !== 'string' || purpose === '' || /[\n\r]/.test(purpose)) {
    throw new KilnFailure('INTERNAL', 'a sealed secret needs a one-line purpose')
  }
}

function unlockedKey(
  key: KeyObject,
  secretsKey: KeyObject,
  publicKey: Uint8Array,
  publicKeyMultibase: string
): UnlockedKey {
  let current: KeyObject | undefined = key
  let secrets: KeyObject | undefined = secretsKey
  const pub = Uint8Array.from(publicKey)
  const unlocked = (): KeyObject => {
    if (!secrets) {
      throw new KilnFailure('LOCKED', 'The station key is locked; unlock it with the passphrase.')
    }
    return secrets
  }
  const describe = (): string =>
    `UnlockedKey { ${publicKeyMultibase}${current ? '' : ' (locked)'} }`
  return Object.freeze({
    get publicKey(): Uint8Array {
      return Uint8Array.from(pub)
    },
    publicKeyMultibase,
    get locked(): boolean {
      return current === undefined
    },
    sign(data: Uint8Array): Uint8Array {
      if (!current) {
        throw new KilnFailure('LOCKED', 'The station key is locked; unlock it with the passphrase.')
      }
      return new Uint8Array(sign(null, data, current))
    },
    sealSecret(purpose: string, plaintext: string): SealedSecret {
      checkPurpose(purpose)
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', unlocked(), iv)
      cipher.setAAD(secretAad(publicKeyMultibase, purpose))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return {
        format: SECRET_FORMAT,
        key: publicKeyMultibase,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64')
      }
    },
    openSecret(purpose: string, sealed: SealedSecret): string {
      checkPurpose(purpose)
      if (sealed.format !== SECRET_FORMAT || sealed.key !== publicKeyMultibase) {
        throw new KilnFailure(
          'STORAGE_CORRUPT',
          'A saved secret was sealed by another key; enter it again in Settings.'
        )
      }
      try {
        const decipher = createDecipheriv(
          'aes-256-gcm',
          unlocked(),
          b64(sealed.iv, 12, 'secret iv')
        )
        decipher.setAAD(secretAad(publicKeyMultibase, purpose))
        decipher.setAuthTag(b64(sealed.tag, 16, 'secret tag'))
        return Buffer.concat([
          decipher.update(b64(sealed.ciphertext, undefined, 'secret')),
          decipher.final()
        ]).toString('utf8')
      } catch (error) {
        if (error instanceof KilnFailure && error.code === 'LOCKED') throw error
        throw new KilnFailure(
          'STORAGE_CORRUPT',
          'A saved secret could not be opened (it was changed outside Kiln); enter it again in Settings.'
        )
      }
    },
    lock(): void {
      current = undefined
      secrets = undefined
    },
    toJSON: () => ({ publicKeyMultibase, locked: current === undefined }),
    [inspect.custom]: describe,
    toString: describe
  })
}

export async function unlockKey(keyFile: unknown, passphrase: string): Promise<UnlockedKey> {
  return withSeed(keyFile, passphrase, (seed, file) => {
    const key = privateKeyObjectFromSeed(seed)
    const publicKey = rawPublicKey(key)
    if (encodePublicKeyMultibase(publicKey) !== file.publicKeyMultibase) {
      throw corrupt('holds a private key that does not match its publicKeyMultibase')
    }
    const subkey = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), SECRET_FORMAT, 32))
    try {
      return unlockedKey(key, createSecretKey(subkey), publicKey, file.publicKeyMultibase)
    } finally {
      subkey.fill(0)
    }
  })
}

/** Re-seals the same key under a new passphrase (new salt and IV); the old file is not changed. */
export async function changePassphrase(
  keyFile: unknown,
  oldPassphrase: string,
  newPassphrase: string,
  options: Readonly<{ scryptN?: number }> = {}
): Promise<KeyFile> {
  checkNewPassphrase(newPassphrase)
  const copy = await withSeed(keyFile, oldPassphrase, (seed, file) => ({
    seed: Buffer.from(seed),
    file
  }))
  try {
    const N = checkScryptN(options.scryptN ?? copy.file.kdf.N)
    return await seal(
      copy.seed,
      copy.file.publicKeyMultibase,
      newPassphrase,
      N,
      copy.file.createdAt
    )
  } finally {
    copy.seed.fill(0)
  }
}

/** 'SHA256:' + base64url (no padding) of SHA-256 over the raw 32-byte public key. */
export function fingerprint(publicKey: Uint8Array): string {
  return 'SHA256:' + createHash('sha256').update(publicKey).digest('base64url')
}

export async function readKeyFile(file: string): Promise<KeyFile> {
  let text: string
  try {
    text = await fsp.readFile(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new KilnFailure('NOT_INITIALIZED', `There is no key.json at ${file}.`, { path: file })
    }
    throw e
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw corrupt('is not valid JSON')
  }
  return parseKeyFile(value)
}

export async function writeKeyFile(file: string, keyFile: KeyFile): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(parseKeyFile(keyFile), null, 2) + '\n', {
    mode: 0o600
  })
}
