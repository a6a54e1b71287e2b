/** Opening the station for one CLI command, calling the contract, and mapping failures to exit codes. */
import type { MethodInput, MethodName, MethodResults } from '../../shared/contract.js'
import { err } from '../../shared/result.js'
import { createCore, type Core } from '../core/create-core.js'
import { KilnFailure } from '../core/failure.js'
import { defaultDataDir } from '../core/station/default-data-dir.js'
import { askPassphrase, passphraseFromEnv } from './passphrase.js'
import { printError } from './output.js'

export type GlobalOptions = { data?: string; json?: boolean }

/** 'unlock': the command signs, so the key must be unlocked; 'check': unlock only if a passphrase is given. */
export type KeyNeed = 'none' | 'check' | 'unlock'

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

export async function withCore<T>(
  options: GlobalOptions,
  keyNeed: KeyNeed,
  run: (core: Core) => Promise<T>
): Promise<T> {
  const json = Boolean(options.json)
  let core: Core
  try {
    core = await createCore({ dataDir: dataDirOf(options), host: 'cli' })
  } catch (error) {
    if (error instanceof KilnFailure) printError(error.toError(), json)
    throw error
  }
  try {
    if (keyNeed !== 'none' && core.station.initialized) {
      const passphrase = keyNeed === 'unlock' ? await askPassphrase(false) : passphraseFromEnv()
      if (passphrase !== undefined) {
        await call(core, 'station:unlock', { passphrase }, json)
      } else if (keyNeed === 'unlock') {
        printError(
          err(
            'LOCKED',
            'This command signs: set KILN_PASSPHRASE or run it in a terminal to type the passphrase.'
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
