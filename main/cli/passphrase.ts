/** The passphrase comes from $KILN_PASSPHRASE, or is asked for (hidden) on a terminal. */
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { err } from '../../shared/result.js'
import { printError } from './output.js'

/** Asks on the terminal without echoing what is typed (a passphrase, a password). */
export function askHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt)
  const muted = new Writable({ write: (_chunk, _enc, done) => done() })
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true })
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close()
      process.stderr.write('\n')
      resolve(answer)
    })
  })
}

export function passphraseFromEnv(): string | undefined {
  const value = process.env.KILN_PASSPHRASE
  return value !== undefined && value.length > 0 ? value : undefined
}

export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY)
}

export async function askPassphrase(confirm: boolean): Promise<string | undefined> {
  const fromEnv = passphraseFromEnv()
  if (fromEnv !== undefined) return fromEnv
  if (!canPrompt()) return undefined
  const first = await askHidden('Station passphrase: ')
  if (!confirm) return first
  const second = await askHidden('Repeat the passphrase: ')
  if (first !== second) {
    process.stderr.write('kiln: the two passphrases differ; nothing was created\n')
    return undefined
  }
  return first
}

/**
 * The passphrase for a command that cannot run without it; otherwise the LOCKED error that says
 * how to give it (`doing`: "Leaving desk mode", "Rotating the key").
 */
export async function requirePassphrase(doing: string, json: boolean): Promise<string> {
  const passphrase = await askPassphrase(false)
  if (passphrase === undefined) {
    printError(
      err(
        'LOCKED',
        `${doing} needs the station’s passphrase: set KILN_PASSPHRASE or run it in a terminal to type it.`,
        { field: 'passphrase' }
      ).error,
      json
    )
  }
  return passphrase
}
