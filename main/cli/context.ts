/**
 * Opening the station for one CLI command, calling the contract, and mapping failures to exit codes.
 * The core is imported here, when a command runs, never when commands register (see index.ts).
 */
import type { MethodInput, MethodName, MethodResults } from '../../shared/contract.js'
import { err } from '../../shared/result.js'
import type { Core } from '../core/create-core.js'
import type { EarlyUnlock } from '../core/keys/early-unlock.js'
import { KilnFailure } from '../core/failure.js'
import { defaultDataDir } from '../core/station/default-data-dir.js'
import { askPassphrase, passphraseFromEnv } from './passphrase.js'
import { printError } from './output.js'

export type GlobalOptions = { data?: string; json?: boolean }

/**
 * 'unlock': the command signs, so the key must be unlocked (passphrase from the environment or
 * the terminal) before `run`. 'unlock-later': the same, but `run` calls `unlock()` when it first
 * needs the key (a CSV batch previews first). 'if-given': it may sign (automatic rules), so unlock
 * when $KILN_PASSPHRASE is set. 'none': never derives the key (scrypt costs a third of a second
 * and 128 MB). With $KILN_PASSPHRASE the derivation starts before the core loads
 * (keys/early-unlock.ts), so it runs beside loading, opening and previewing.
 */
export type KeyNeed = 'none' | 'if-given' | 'unlock' | 'unlock-later'

export function dataDirOf(options: GlobalOptions): string {
  return options.data ? options.data : defaultDataDir()
}

export async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
  json: boolean
): Promise<MethodResults[M]> {
  const result = await core.dispatch(method, input, { host: 'cli' })
  if (!result.ok) printError(result.error, json)
  return result.value as MethodResults[M]
}

/** Prints a core failure as the CLI does (one line, exit code by error code) and rethrows anything else. */
export function exitOnFailure(error: unknown, json: boolean): never {
  if (error instanceof KilnFailure) printError(error.toError(), json)
  throw error
}

/** Opens the station of --data for this command (the core is loaded on the first call). */
export async function openCore(
  options: GlobalOptions,
  host: 'cli' | 'web' = 'cli',
  earlyUnlock?: EarlyUnlock
): Promise<Core> {
  const { createCore } = await import('../core/create-core.js')
  try {
    return await createCore({
      dataDir: dataDirOf(options),
      host,
      ...(earlyUnlock ? { earlyUnlock } : {})
    })
  } catch (error) {
    return exitOnFailure(error, Boolean(options.json))
  }
}

/** Starts deriving the key from $KILN_PASSPHRASE now, if the command may sign and it is set. */
async function startUnlocking(
  options: GlobalOptions,
  keyNeed: KeyNeed
): Promise<EarlyUnlock | undefined> {
  const passphrase = keyNeed === 'none' ? undefined : passphraseFromEnv()
  if (passphrase === undefined) return undefined
  const [{ startEarlyUnlock }, { stationPaths }] = await Promise.all([
    import('../core/keys/early-unlock.js'),
    import('../core/station/paths.js')
  ])
  return startEarlyUnlock(stationPaths(dataDirOf(options)).key, passphrase)
}

export async function withCore<T>(
  options: GlobalOptions,
  keyNeed: KeyNeed,
  run: (core: Core, unlock: () => Promise<void>) => Promise<T>
): Promise<T> {
  const json = Boolean(options.json)
  const earlyUnlock = await startUnlocking(options, keyNeed)
  let core: Core
  try {
    core = await openCore(options, 'cli', earlyUnlock)
  } catch (error) {
    if (earlyUnlock) {
      const { discardEarlyUnlock } = await import('../core/keys/early-unlock.js')
      discardEarlyUnlock(earlyUnlock)
    }
    throw error
  }
  try {
    let passphrase: string | undefined
    if (keyNeed !== 'none' && core.station.initialized) {
      passphrase = keyNeed === 'if-given' ? passphraseFromEnv() : await askPassphrase(false)
      if (passphrase === undefined && keyNeed !== 'if-given') {
        printError(
          err(
            'LOCKED',
            'This command needs the station’s passphrase: set KILN_PASSPHRASE or run it in a terminal to type it.'
          ).error,
          json
        )
      }
    }
    const unlock = async (): Promise<void> => {
      if (passphrase === undefined || !core.station.locked) return
      await call(core, 'station:unlock', { passphrase }, json)
    }
    if (keyNeed !== 'unlock-later') await unlock()
    return await run(core, unlock)
  } finally {
    await core.close()
  }
}
