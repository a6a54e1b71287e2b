/**
 * Child process for the lock tests: tries to acquire the lock on a data directory and
 * prints "locked <pid>" (then holds it until killed, or exits normally with "exit") or "failed <code>: <message>".
 */
import fs from 'node:fs'
import { KilnFailure } from '../../failure.js'
import { acquireLock } from '../lock.js'

const [dataDir, mode] = process.argv.slice(2)
if (!dataDir) throw new Error('usage: lock-holder <dataDir> [exit]')
try {
  acquireLock(dataDir)
  fs.writeSync(1, `locked ${process.pid}\n`)
  // 'exit': end normally (the exit handler must release); otherwise hold until killed.
  if (mode !== 'exit') setInterval(() => undefined, 60_000)
} catch (e) {
  const code = e instanceof KilnFailure ? e.code : 'ERROR'
  fs.writeSync(1, `failed ${code}: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exitCode = 3
}
