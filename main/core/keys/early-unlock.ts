/**
 * A key derivation started before the station opens. A CLI command that signs knows the
 * passphrase ($KILN_PASSPHRASE) before it loads the core: scrypt (≈ 0.4–0.6 s, memory-bound) runs
 * on libuv's thread pool while the core loads, the station opens and a CSV is previewed, instead
 * of after them. The station takes the result when it is unlocked with the same passphrase
 * (Station.unlock); otherwise it is locked unused when the station closes. Nothing else can read
 * it: the derived key stays inside the UnlockedKey as in every unlock.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseKeyFile, unlockKey, type UnlockedKey } from './keystore.js'

export type EarlyUnlock = Readonly<{
  /** The public key named by the key file the derivation read. */
  publicKeyMultibase: string
  /** Whether this derivation used `passphrase`. */
  uses(passphrase: string): boolean
  /** The unlocked key, or the keystore's failure (WRONG_PASSPHRASE…), as unlockKey gives it. */
  key: Promise<UnlockedKey>
}>

const digest = (passphrase: string): Buffer =>
  createHash('sha256').update(passphrase.normalize('NFC'), 'utf8').digest()

/**
 * Starts unlocking the key file at `keyFile` with `passphrase`; undefined when there is no
 * readable, well-formed key file (the ordinary unlock then reports why, in order).
 */
export function startEarlyUnlock(keyFile: string, passphrase: string): EarlyUnlock | undefined {
  let file
  try {
    file = parseKeyFile(JSON.parse(readFileSync(keyFile, 'utf8')))
  } catch {
    return undefined
  }
  // unlockKey calls scrypt before its first await: the derivation is under way on return.
  const key = unlockKey(file, passphrase)
  // Taken (and its failure reported) by Station.unlock, or locked by Station.close.
  void key.catch(() => undefined)
  const used = digest(passphrase)
  return {
    publicKeyMultibase: file.publicKeyMultibase,
    uses: (candidate) => timingSafeEqual(digest(candidate), used),
    key
  }
}

/** Locks an early unlock nobody took (the command ended without signing). */
export function discardEarlyUnlock(early: EarlyUnlock): void {
  void early.key.then(
    (key) => key.lock(),
    () => undefined
  )
}
