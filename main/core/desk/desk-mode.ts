/**
 * Desk mode of one station: switching it on (the passphrase holder, station unlocked) and off
 * (the passphrase, checked against the station key as unlocking does). The state itself is the
 * catalog's `desk` section, so it survives a reload and a restart; the journal records each
 * switch (desk.entered, desk.left) in the catalog write's own commit.
 *
 * A wrong passphrase leaves desk mode on and answers WRONG_PASSPHRASE after a delay that grows
 * with each wrong try in a row (0.5 s, 1 s, 2 s … at most 8 s); tries wait for each other, so
 * guessing in parallel gains nothing, and unlocking in desk mode shares the count (it is no
 * cheaper way to guess). The count is kept in the catalog's desk section (each wrong try
 * journaled as desk.refused, so the audit shows it), and a process whose first try follows
 * earlier wrong ones waits their delay before trying: running `kiln desk off` again and again,
 * each time a new process, guesses no faster than one process would. The check and the delay of leaving run outside the mutation queue
 * (desk:leave is a 'connects' method), so a volunteer's guessing never holds up awarding.
 */
import type { DeskState, StationStatus } from '../../../shared/types.js'
import { fail, KilnFailure } from '../failure.js'
import { readKeyFile, unlockKey } from '../keys/keystore.js'
import type { Station } from '../station/station.js'

const FIRST_DELAY_MS = 500
const MAX_DELAY_MS = 8000

export function wrongTryDelay(wrongInARow: number): number {
  if (wrongInARow <= 0) return 0
  return Math.min(FIRST_DELAY_MS * 2 ** (wrongInARow - 1), MAX_DELAY_MS)
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export class DeskMode {
  readonly #station: Station
  /** Whether this process already waited for the wrong tries it found in the catalog. */
  #waitedForEarlierTries = false
  /** The last leave attempt: the next one starts after it (and its delay) ended. */
  #attempts: Promise<unknown> = Promise.resolve()

  constructor(station: Station) {
    this.#station = station
  }

  /** Desk mode as it is now (undefined: off, or no station yet). */
  get state(): DeskState | undefined {
    if (!this.#station.initialized) return undefined
    return this.#station.catalog.desk
  }

  /** Switches desk mode on (runs inside the mutation queue: desk:enter mutates). */
  async enter(operators: readonly string[]): Promise<StationStatus> {
    const station = this.#station
    station.requireInitialized()
    if (station.locked) {
      fail(
        'LOCKED',
        'Only the passphrase holder can switch desk mode on: unlock the station first.'
      )
    }
    if (this.state) fail('DESK_MODE', 'The station is already in desk mode.')
    const catalog = station.catalog
    catalog.desk = { operators: [...operators], since: station.clock().toISOString() }
    await station.saveCatalog([{ type: 'desk.entered', data: { operators: [...operators] } }])
    station.outputs.forgetAll()
    station.bus.emit('data:changed', { domain: 'station' })
    return station.status()
  }

  /** Switches desk mode off once the passphrase opens the station key. */
  async leave(passphrase: string): Promise<StationStatus> {
    const station = this.#station
    station.requireInitialized()
    if (!this.state) return station.status()
    try {
      await this.throttled(() => checkPassphrase(station, passphrase))
    } catch (error) {
      if (error instanceof KilnFailure && error.code === 'WRONG_PASSPHRASE') {
        fail('WRONG_PASSPHRASE', 'The station stays in desk mode.')
      }
      throw error
    }
    await station.queue.run(async () => {
      if (!this.state) return
      delete station.catalog.desk
      await station.saveCatalog([{ type: 'desk.left', data: {} }])
      station.bus.emit('data:changed', { domain: 'station' })
    })
    return station.status()
  }

  /**
   * Unlocking while desk mode is on: an unlocked station answers at once without looking at the
   * passphrase (so the desk offers no way to test guesses), a locked one (after a restart) takes
   * the passphrase with the same growing delay after wrong tries as leaving.
   */
  unlock(passphrase: string): Promise<StationStatus> {
    const station = this.#station
    if (!station.locked) return Promise.resolve(station.status())
    return this.throttled(async () => {
      const status = await station.unlock(passphrase)
      await this.#recordWrongTries(0)
      return status
    })
  }

  /**
   * One passphrase attempt at a time; after a WRONG_PASSPHRASE the answer waits longer with each
   * wrong try in a row (a right one ends desk mode, or, unlocking, starts the count again). The
   * first try of a process first waits for the wrong tries an earlier process left counted.
   */
  throttled<T>(attempt: () => Promise<T>): Promise<T> {
    const run = this.#attempts.then(async () => {
      if (!this.#waitedForEarlierTries) {
        this.#waitedForEarlierTries = true
        await sleep(wrongTryDelay(this.#wrongTries()))
      }
      try {
        return await attempt()
      } catch (error) {
        if (error instanceof KilnFailure && error.code === 'WRONG_PASSPHRASE') {
          const wrongTries = this.#wrongTries() + 1
          await this.#recordWrongTries(wrongTries)
          await sleep(wrongTryDelay(wrongTries))
        }
        throw error
      }
    })
    this.#attempts = run.catch(() => undefined)
    return run
  }

  #wrongTries(): number {
    return this.#station.initialized ? (this.#station.catalog.desk?.wrongTries ?? 0) : 0
  }

  /** Keeps the count in the desk section (a wrong try journaled as desk.refused). */
  async #recordWrongTries(wrongTries: number): Promise<void> {
    const station = this.#station
    const write = async (): Promise<void> => {
      const desk = station.catalog.desk
      if (!desk || (desk.wrongTries ?? 0) === wrongTries) return
      const { operators, since } = desk
      station.catalog.desk =
        wrongTries > 0 ? { operators, since, wrongTries } : { operators, since }
      await station.saveCatalog(
        wrongTries > 0 ? [{ type: 'desk.refused', data: { wrongTries } }] : []
      )
    }
    // Unlocking and leaving run outside the queue ('connects' methods); a caller that holds it
    // (a test, a future queued caller) writes at once rather than wait for itself.
    await (station.queue.holding ? write() : station.queue.run(write))
  }
}

/** The passphrase must open key.json, and key.json must hold the key station.json records. */
async function checkPassphrase(station: Station, passphrase: string): Promise<void> {
  const key = await unlockKey(await readKeyFile(station.paths.key), passphrase)
  const expected = station.catalog.keys.at(-1)?.publicKeyMultibase
  const matches = !expected || key.publicKeyMultibase === expected
  key.lock()
  if (!matches) fail('STORAGE_CORRUPT', 'key.json does not hold the key recorded in station.json.')
}
