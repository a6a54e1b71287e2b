/**
 * Rules run by themselves after check-in imports and after awards. A run changes the station, so
 * it always runs inside the mutation queue: `runNow` and `afterChange` for callers already in it
 * (rules:run, checkins:import), the debounced run after awards queues itself. Awards a rules run
 * makes do not start another run (the run already repeats until nothing new). Automatic runs need
 * the station unlocked and only use enabled rules.
 */
import type { RuleRunTrigger, RulesRunResult } from '../../../shared/rules-types.js'
import { logger } from '../logger.js'
import type { Station } from '../station/station.js'
import type { StationService } from '../station/service.js'
import { runRules, type RunOptions } from './run-rules.js'

export class AutoRules implements StationService {
  readonly #station: Station
  readonly #delayMs: number
  #active = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #unsubscribe: (() => void) | undefined
  #scheduled: Promise<unknown> = Promise.resolve()

  constructor(station: Station, delayMs = 200) {
    this.#station = station
    this.#delayMs = delayMs
  }

  /** Runs rules now; the caller holds the mutation queue. */
  async runNow(options: RunOptions): Promise<RulesRunResult> {
    this.#active++
    try {
      return await runRules(this.#station, options)
    } finally {
      this.#active--
    }
  }

  /**
   * The enabled rules, after a committed change (undefined when the station is locked or has no
   * enabled rules). The caller holds the mutation queue; never throws (failures are logged).
   */
  async afterChange(
    trigger: Exclude<RuleRunTrigger, 'manual'>
  ): Promise<RulesRunResult | undefined> {
    const station = this.#station
    if (!station.initialized || station.locked || !station.catalog.rules.some((r) => r.enabled)) {
      return undefined
    }
    try {
      return await this.runNow({ dryRun: false, trigger })
    } catch (error) {
      logger.warn(
        `automatic rules run after ${trigger} failed: ${error instanceof Error ? error.message : String(error)}`
      )
      return undefined
    }
  }

  /** A change of awards (not made by a rules run) schedules one run a moment later. */
  opened(): void {
    if (this.#unsubscribe) return
    this.#unsubscribe = this.#station.bus.subscribe((event) => {
      if (event.name !== 'data:changed' || event.payload.domain !== 'awards') return
      if (this.#active > 0) return
      this.#schedule()
    })
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer)
    // Outside any queued task: the timer's run queues on its own.
    this.#timer = this.#station.queue.detach(() =>
      setTimeout(() => {
        this.#timer = undefined
        this.#runQueued()
      }, this.#delayMs)
    )
    // A CLI process that is done must not wait for this (settle runs it instead).
    this.#timer.unref?.()
  }

  #runQueued(): void {
    this.#scheduled = this.#station.queue
      .run(() => this.afterChange('awards'))
      .catch((error: unknown) => logger.warn('automatic rules run could not start', error))
  }

  /**
   * Closing: a run still waiting for its debounce starts now (a CLI award must not exit before
   * the rules it triggers have run), and the station waits for it.
   */
  async settle(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = undefined
      this.#station.queue.detach(() => this.#runQueued())
    }
    await this.#scheduled
  }

  close(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
