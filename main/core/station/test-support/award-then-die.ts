/**
 * Child process for the checkpoint crash test: opens the station, awards three people (durable
 * in the journal), says so, and dies by SIGKILL before anything closes (so no checkpoint is
 * written after those entries).
 */
import fs from 'node:fs'
import { createCore } from '../../create-core.js'

const [dir, badgeId, passphrase] = process.argv.slice(2)
if (!dir || !badgeId || !passphrase) throw new Error('usage: award-then-die <dir> <badge> <pass>')

const core = await createCore({ dataDir: dir, host: 'cli' })
const ctx = { host: 'cli' } as const
const unlocked = await core.dispatch('station:unlock', { passphrase }, ctx)
if (!unlocked.ok) throw new Error(unlocked.error.message)
for (const name of ['Hal', 'Ivy', 'Jo']) {
  const r = await core.dispatch(
    'awards:issue',
    { badgeId, email: `${name.toLowerCase()}@example.org`, name },
    ctx
  )
  if (!r.ok) throw new Error(r.error.message)
}
fs.writeSync(1, 'awarded\n')
process.kill(process.pid, 'SIGKILL')
