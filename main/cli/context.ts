/**
 * Opening the station for one CLI command, calling the contract, and mapping failures to exit codes.
 * The core is imported here, when a command runs, never when commands register (see index.ts).
 */
import type { MethodInput, MethodName, MethodResults } from '../../shared/contract.js'
import { err } from '../../shared/result.js'
import type { Core } from '../core/create-core.js'
import { KilnFailure } from '../core/failure.js'
import { defaultDataDir } from '../core/station/default-data-dir.js'
import { askPassphrase, passphraseFromEnv } from './passphrase.js'
import { printError } from './output.js'

export type GlobalOptions = { data?: string; json?: boolean }

/**
 * 'unlock': the command signs, so the key must be unlocked (passphrase from the environment or
 * the terminal). 'if-given': it may sign (automatic rules), so unlock when $KILN_PASSPHRASE is
 * set. 'none': never derives the key (scrypt costs a third of a second and 128 MB).
 */
export type KeyNeed = 'none' | 'if-given' | 'unlock'

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
export async function openCore(options: GlobalOptions, host: 'cli' | 'web' = 'cli'): Promise<Core> {
  const { createCore } = await import('../core/create-core.js')
  try {
    return await createCore({ dataDir: dataDirOf(options), host })
  } catch (error) {
    return exitOnFailure(error, Boolean(options.json))
  }
}

export async function withCore<T>(
  options: GlobalOptions,
  keyNeed: KeyNeed,
  run: (core: Core) => Promise<T>
): Promise<T> {
  const json = Boolean(options.json)
  const core = await openCore(options)
  try {
    if (keyNeed !== 'none' && core.station.initialized) {
      const passphrase = keyNeed === 'unlock' ? await askPassphrase(false) : passphraseFromEnv()
      if (passphrase !== undefined) {
        await call(core, 'station:unlock', { passphrase }, json)
      } else if (keyNeed === 'unlock') {
        printError(
          err(
            'LOCKED',
            'This command needs the station’s passphrase: set KILN_PASSPHRASE or run it in a terminal to type it.'
          ).error,
          json
        )
      }
    }
    return await run(core)
  } finally {
    await core.close()
  }
}
