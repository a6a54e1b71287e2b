/**
 * kiln-backup/2: the kiln-backup/1 zip sealed with the station passphrase (the journal holds
 * plaintext e-mails). Layout: one JSON header line (format, KDF parameters and salt, cipher
 * and base nonce, a key check), then the zip in AES-256-GCM chunks of `chunkBytes`, each
 * followed by its 16-byte tag. Chunk i uses the base nonce XOR i, and authenticates the header
 * line, i and a "last chunk" flag: a changed header, reordered, dropped or truncated chunks all
 * fail. The key comes from scrypt with the key file's parameters (keystore.ts deriveKey).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual
} from 'node:crypto'
import { KilnFailure } from '../failure.js'
import { deriveKey, MAX_N, MIN_N, SCRYPT_P, SCRYPT_R } from '../keys/keystore.js'

export const ENCRYPTED_BACKUP_FORMAT = 'kiln-backup/2'
export const CHUNK_BYTES = 1024 * 1024
const TAG_BYTES = 16
const MAX_HEADER_BYTES = 4096
const HEADER_PREFIX = `{"format":"${ENCRYPTED_BACKUP_FORMAT}"`

export type BackupKdf = Readonly<{ name: 'scrypt'; N: number; r: number; p: number; salt: string }>

/** A key derived from the passphrase, with the parameters that derive it again. */
export type BackupSecret = Readonly<{ key: Buffer; kdf: BackupKdf }>

export type EncryptedBackupHeader = Readonly<{
  format: typeof ENCRYPTED_BACKUP_FORMAT
  createdAt: string
  stationId: string | null
  kdf: BackupKdf
  cipher: Readonly<{ name: 'aes-256-gcm'; nonce: string; chunkBytes: number }>
  /** HMAC-SHA256(key, "kiln-backup/2 key check"), first 16 bytes: tells a wrong passphrase from damage. */
  keyCheck: string
}>

export class BackupFormatError extends Error {}

function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key)
    .update(`${ENCRYPTED_BACKUP_FORMAT} key check`)
    .digest()
    .subarray(0, 16)
}

function chunkNonce(base: Buffer, index: number): Buffer {
  const nonce = Buffer.from(base)
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ index) >>> 0, 8)
  return nonce
}

function chunkAad(header: Buffer, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(5)
  tail.writeUInt32BE(index, 0)
  tail[4] = last ? 1 : 0
  return Buffer.concat([header, tail])
}

/** Derives a backup key from the passphrase (fresh salt; N as the station key file uses). */
export async function deriveBackupSecret(passphrase: string, N: number): Promise<BackupSecret> {
  const salt = randomBytes(16)
  const key = await deriveKey(passphrase, salt, N, SCRYPT_R, SCRYPT_P)
  return {
    key,
    kdf: { name: 'scrypt', N, r: SCRYPT_R, p: SCRYPT_P, salt: salt.toString('base64') }
  }
}

export function sealBackup(
  zip: Uint8Array,
  secret: BackupSecret,
  meta: Readonly<{ stationId: string | null; createdAt: string }>
): Buffer {
  const base = randomBytes(12)
  const header: EncryptedBackupHeader = {
    format: ENCRYPTED_BACKUP_FORMAT,
    createdAt: meta.createdAt,
    stationId: meta.stationId,
    kdf: secret.kdf,
    cipher: { name: 'aes-256-gcm', nonce: base.toString('base64'), chunkBytes: CHUNK_BYTES },
    keyCheck: keyCheck(secret.key).toString('base64')
  }
  const headerLine = Buffer.from(JSON.stringify(header) + '\n', 'utf8')
  const parts: Buffer[] = [headerLine]
  const count = Math.max(1, Math.ceil(zip.length / CHUNK_BYTES))
  for (let i = 0; i < count; i++) {
    const last = i === count - 1
    const cipher = createCipheriv('aes-256-gcm', secret.key, chunkNonce(base, i))
    cipher.setAAD(chunkAad(headerLine, i, last))
    const plain = zip.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES)
    parts.push(cipher.update(plain), cipher.final(), cipher.getAuthTag())
  }
  return Buffer.concat(parts)
}

export function isEncryptedBackup(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, HEADER_PREFIX.length)).toString('latin1') === HEADER_PREFIX
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function b64(value: unknown, bytes: number | undefined, field: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new BackupFormatError(`the header's ${field} is not base64`)
  }
  const out = Buffer.from(value, 'base64')
  if (bytes !== undefined && out.length !== bytes) {
    throw new BackupFormatError(`the header's ${field} must be ${bytes} bytes`)
  }
  return out
}

function isPowerOfTwo(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0
}

/** Reads and checks the header line; throws BackupFormatError. */
export function readBackupHeader(bytes: Uint8Array): {
  header: EncryptedBackupHeader
  line: Buffer
} {
  const end = Buffer.from(bytes.subarray(0, MAX_HEADER_BYTES + 1)).indexOf(10)
  if (end < 0) throw new BackupFormatError('the header line is missing or too long')
  const line = Buffer.from(bytes.subarray(0, end + 1))
  let value: unknown
  try {
    value = JSON.parse(line.toString('utf8'))
  } catch {
    throw new BackupFormatError('the header is not valid JSON')
  }
  const h = value as Record<string, unknown> | null
  if (!h || typeof h !== 'object' || h.format !== ENCRYPTED_BACKUP_FORMAT) {
    throw new BackupFormatError(`the header is not a ${ENCRYPTED_BACKUP_FORMAT} header`)
  }
  const kdf = h.kdf as Record<string, unknown> | null
  if (!kdf || kdf.name !== 'scrypt') throw new BackupFormatError('the header names no scrypt KDF')
  const { N, r, p } = kdf
  if (!isPowerOfTwo(N) || N < MIN_N || N > MAX_N) {
    throw new BackupFormatError(`kdf.N must be a power of two from ${MIN_N} to ${MAX_N}`)
  }
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > 32) {
    throw new BackupFormatError('kdf.r must be 1 to 32')
  }
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 16) {
    throw new BackupFormatError('kdf.p must be 1 to 16')
  }
  if (b64(kdf.salt, undefined, 'kdf.salt').length < 16) {
    throw new BackupFormatError('kdf.salt must be at least 16 bytes')
  }
  const cipher = h.cipher as Record<string, unknown> | null
  if (!cipher || cipher.name !== 'aes-256-gcm' || cipher.chunkBytes !== CHUNK_BYTES) {
    throw new BackupFormatError(`the cipher must be aes-256-gcm in ${CHUNK_BYTES}-byte chunks`)
  }
  b64(cipher.nonce, 12, 'cipher.nonce')
  b64(h.keyCheck, 16, 'keyCheck')
  const header: EncryptedBackupHeader = {
    format: ENCRYPTED_BACKUP_FORMAT,
    createdAt: typeof h.createdAt === 'string' ? h.createdAt : '',
    stationId: typeof h.stationId === 'string' ? h.stationId : null,
    kdf: { name: 'scrypt', N, r, p, salt: kdf.salt as string },
    cipher: { name: 'aes-256-gcm', nonce: cipher.nonce as string, chunkBytes: CHUNK_BYTES },
    keyCheck: h.keyCheck as string
  }
  return { header, line }
}

/**
 * Decrypts a kiln-backup/2 file to its zip. A wrong passphrase is WRONG_PASSPHRASE; a damaged
 * or changed file is BackupFormatError (the caller reports BACKUP_INVALID).
 */
export async function openBackup(bytes: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const { header, line } = readBackupHeader(bytes)
  const { N, r, p, salt } = header.kdf
  const key = await deriveKey(passphrase, Buffer.from(salt, 'base64'), N, r, p)
  try {
    if (!timingSafeEqual(keyCheck(key), Buffer.from(header.keyCheck, 'base64'))) {
      throw new KilnFailure(
        'WRONG_PASSPHRASE',
        'The passphrase does not open this backup; nothing was changed.'
      )
    }
    const base = Buffer.from(header.cipher.nonce, 'base64')
    const body = Buffer.from(
      bytes.buffer,
      bytes.byteOffset + line.length,
      bytes.length - line.length
    )
    const stride = CHUNK_BYTES + TAG_BYTES
    const count = Math.max(1, Math.ceil(body.length / stride))
    const out: Buffer[] = []
    for (let i = 0; i < count; i++) {
      const chunk = body.subarray(i * stride, (i + 1) * stride)
      if (chunk.length < TAG_BYTES) throw new BackupFormatError('the file is truncated')
      const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(base, i))
      decipher.setAAD(chunkAad(line, i, i === count - 1))
      decipher.setAuthTag(chunk.subarray(chunk.length - TAG_BYTES))
      try {
        out.push(decipher.update(chunk.subarray(0, chunk.length - TAG_BYTES)), decipher.final())
      } catch {
        throw new BackupFormatError(
          `chunk ${i + 1} of ${count} does not authenticate (the file was changed, cut short or damaged)`
        )
      }
    }
    return Buffer.concat(out)
  } finally {
    key.fill(0)
  }
}
