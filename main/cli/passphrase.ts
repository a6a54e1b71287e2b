/** The passphrase comes from $KILN_PASSPHRASE, or is asked for (hidden) on a terminal. */
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'

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
