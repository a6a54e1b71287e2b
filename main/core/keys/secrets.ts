/**
 * Secrets the station keeps for its connections (an SMTP password, a publish target's password
 * or private key, an S3 secret key), sealed by the station key (see UnlockedKey.sealSecret) and
 * stored in station.json under `secrets`, keyed by purpose ("mail:smtp", "publish:<target>").
 * Plaintext exists only in memory, only while the station is unlocked; a rotation re-seals every
 * secret under the new key.
 */
import { z } from 'zod'
import { KilnFailure } from '../failure.js'
import { SECRET_FORMAT, type SealedSecret, type UnlockedKey } from './keystore.js'

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export const sealedSecretSchema = z.strictObject({
  format: z.literal(SECRET_FORMAT),
  key: z.string().min(1),
  iv: z.string().regex(BASE64),
  tag: z.string().regex(BASE64),
  ciphertext: z.string().regex(BASE64)
})

export const sealedSecretsSchema = z.record(z.string().min(1), sealedSecretSchema)

export type SealedSecrets = Record<string, SealedSecret>

/** Where a station's sealed secrets live and which key opens them. */
export type SecretHolder = {
  /** The catalog's `secrets` record (created on first use). */
  secrets?: SealedSecrets
}

function parseSealed(purpose: string, value: unknown): SealedSecret {
  const parsed = sealedSecretSchema.safeParse(value)
  if (!parsed.success) {
    throw new KilnFailure(
      'STORAGE_CORRUPT',
      `The saved secret for ${purpose} is damaged; enter it again in Settings.`
    )
  }
  return parsed.data
}

/** Seals `plaintext` for `purpose` into the holder (the caller saves the catalog). */
export function putSecret(
  holder: SecretHolder,
  key: UnlockedKey,
  purpose: string,
  plaintext: string
): void {
  holder.secrets = { ...(holder.secrets ?? {}), [purpose]: key.sealSecret(purpose, plaintext) }
}

/** The plaintext for `purpose`, or undefined when none is saved. Throws LOCKED when locked. */
export function readSecret(
  holder: SecretHolder,
  key: UnlockedKey,
  purpose: string
): string | undefined {
  const sealed = holder.secrets?.[purpose]
  if (sealed === undefined) return undefined
  return key.openSecret(purpose, parseSealed(purpose, sealed))
}

export function hasSecret(holder: SecretHolder, purpose: string): boolean {
  return holder.secrets?.[purpose] !== undefined
}

/** Removes the secret for `purpose` (the caller saves the catalog). */
export function deleteSecret(holder: SecretHolder, purpose: string): void {
  if (!holder.secrets || holder.secrets[purpose] === undefined) return
  const rest = { ...holder.secrets }
  delete rest[purpose]
  holder.secrets = rest
}

/** Key rotation: every secret opened with the old key and sealed again with the new one. */
export function resealSecrets(holder: SecretHolder, from: UnlockedKey, to: UnlockedKey): void {
  if (!holder.secrets) return
  const next: SealedSecrets = {}
  for (const [purpose, sealed] of Object.entries(holder.secrets)) {
    next[purpose] = to.sealSecret(purpose, from.openSecret(purpose, parseSealed(purpose, sealed)))
  }
  holder.secrets = next
}
