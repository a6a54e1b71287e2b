/**
 * A key derivation started before the station opens (the CLI with $KILN_PASSPHRASE): the station
 * takes it only for the same passphrase and the key file it names, reports its failure as an
 * ordinary unlock would, and locks it when nobody took it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { MethodInput, MethodName, MethodResults } from '../../../shared/contract.js'
import { createCore, type Core } from '../create-core.js'
import { freshKit, KIT_PASSPHRASE, type Kit } from '../awards/test-support/station-kit.js'
import { stationPaths } from '../station/paths.js'
import { startEarlyUnlock, type EarlyUnlock } from './early-unlock.js'

const kits: Kit[] = []
const cores: Core[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  for (const kit of kits.splice(0)) await kit.close()
})

/** A closed station with a published badge; returns its kit (for the directory and badge). */
async function closedStation(): Promise<Kit> {
  const kit = await freshKit()
  kits.push(kit)
  await kit.core.close()
  return kit
}

function early(dir: string, passphrase: string): EarlyUnlock {
  const started = startEarlyUnlock(stationPaths(dir).key, passphrase)
  if (!started) throw new Error('no early unlock started')
  return started
}

async function open(dir: string, earlyUnlock?: EarlyUnlock): Promise<Core> {
  const core = await createCore({
    dataDir: dir,
    host: 'cli',
    ...(earlyUnlock ? { earlyUnlock } : {})
  })
  cores.push(core)
  return core
}

async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const result = await core.dispatch(method, input, { host: 'cli' })
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
  return result.value as MethodResults[M]
}

describe('early unlock', () => {
  it('is the key the station signs with when unlocked with the same passphrase', async () => {
    const kit = await closedStation()
    const started = early(kit.dir, KIT_PASSPHRASE)
    const core = await open(kit.dir, started)
    expect(core.station.locked).toBe(true)
    const unlocked = await core.dispatch(
      'station:unlock',
      { passphrase: KIT_PASSPHRASE },
      { host: 'cli' }
    )
    expect(unlocked.ok).toBe(true)
    expect(core.station.signer).toBe(await started.key)
    const issued = await call(core, 'awards:issue', {
      badgeId: kit.badgeId,
      email: 'ada@example.org',
      name: 'Ada Lovelace'
    })
    const { credential } = await call(core, 'credentials:get', { id: issued.id })
    expect(await call(core, 'credentials:verify', { credential })).toMatchObject({ valid: true })
  })

  it('reports a wrong passphrase as WRONG_PASSPHRASE, and the right one still unlocks', async () => {
    const kit = await closedStation()
    const core = await open(kit.dir, early(kit.dir, 'not the passphrase'))
    const wrong = await core.dispatch(
      'station:unlock',
      { passphrase: 'not the passphrase' },
      { host: 'cli' }
    )
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } })
    expect(core.station.locked).toBe(true)
    const right = await core.dispatch(
      'station:unlock',
      { passphrase: KIT_PASSPHRASE },
      { host: 'cli' }
    )
    expect(right.ok).toBe(true)
  })

  it('is not used for another passphrase, nor for another key file, and is then locked', async () => {
    const kit = await closedStation()
    const other = await closedStation()
    for (const started of [
      early(kit.dir, 'another passphrase'),
      early(other.dir, KIT_PASSPHRASE)
    ]) {
      const core = await open(kit.dir, started)
      const unlocked = await core.dispatch(
        'station:unlock',
        { passphrase: KIT_PASSPHRASE },
        { host: 'cli' }
      )
      expect(unlocked.ok).toBe(true)
      const derived = await started.key.catch(() => undefined)
      expect(core.station.signer).not.toBe(derived)
      if (derived) expect(derived.locked).toBe(true)
      await core.close()
      cores.splice(cores.indexOf(core), 1)
    }
  })

  it('is locked when the station closes without unlocking', async () => {
    const kit = await closedStation()
    const started = early(kit.dir, KIT_PASSPHRASE)
    const core = await open(kit.dir, started)
    await core.close()
    cores.splice(cores.indexOf(core), 1)
    const key = await started.key
    await Promise.resolve()
    expect(key.locked).toBe(true)
  })

  it('does not start without a readable key file', () => {
    expect(startEarlyUnlock('/nonexistent/key.json', KIT_PASSPHRASE)).toBeUndefined()
  })
})
