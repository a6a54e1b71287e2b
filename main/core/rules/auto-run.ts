/**
 * Rules run by themselves after check-in imports and after awards. Runs on one station are
 * serialised; awards a rules run makes do not start another run (the run already repeats until
 * nothing new). Automatic runs need the station unlocked and only use enabled rules.
 */
import type { RuleRunTrigger, RulesRunResult } from '../../../shared/rules-types.js'
import { logger } from '../logger.js'
import type { Station } from '../station/station.js'
import { runRules, type RunOptions } from './run-rules.js'

type RunnerState = { tail: Promise<unknown>; active: number; timer?: ReturnType<typeof setTimeout> }

const states = new WeakMap<Station, RunnerState>()

function stateOf(station: Station): RunnerState {
  let state = states.get(station)
  if (!state) states.set(station, (state = { tail: Promise.resolve(), active: 0 }))
  return state
}

/** Runs rules after any run already going on this station has finished. */
export function runRulesSerialised(station: Station, options: RunOptions): Promise<RulesRunResult> {
  const state = stateOf(station)
  const run = state.tail.then(async () => {
    state.active++
    try {
      return await runRules(station, options)
    } finally {
      state.active--
    }
  })
  state.tail = run.catch(() => undefined)
  return run
}

function wantsAutoRun(station: Station): boolean {
  return station.initialized && !station.locked && station.catalog.rules.some((r) => r.enabled)
}

/**
 * The enabled rules, run after something changed (undefined when the station is locked or has
 * no enabled rules). Call it after a committed change; it never throws (failures are logged).
 */
export async function runRulesAfterChange(
  station: Station,
  trigger: Exclude<RuleRunTrigger, 'manual'>
): Promise<RulesRunResult | undefined> {
  if (!wantsAutoRun(station)) return undefined
  try {
    return await runRulesSerialised(station, { dryRun: false, trigger })
  } catch (error) {
    logger.warn(
      `automatic rules run after ${trigger} failed: ${error instanceof Error ? error.message : String(error)}`
    )
    return undefined
  }
}

/**
 * Subscribes the station's bus: a change of awards (not made by a rules run) schedules one
 * automatic run `delayMs` later, so a batch's many commits cause one run. Returns unsubscribe.
 */
export function attachAutoRules(station: Station, delayMs = 200): () => void {
  const state = stateOf(station)
  const unsubscribe = station.bus.subscribe((event) => {
    if (event.name !== 'data:changed' || event.payload.domain !== 'awards') return
    if (state.active > 0) return
    if (state.timer) clearTimeout(state.timer)
    state.timer = setTimeout(() => {
      state.timer = undefined
      void runRulesAfterChange(station, 'awards')
    }, delayMs)
    // A CLI process that is done must not wait for this.
    state.timer.unref?.()
  })
  return () => {
    unsubscribe()
    if (state.timer) clearTimeout(state.timer)
    state.timer = undefined
  }
}

/**
 * For hosts closing the station: a run still waiting for its debounce starts now (a CLI
 * award must not exit before the rules it triggers have run), then every run started so
 * far is awaited.
 */
export async function settleRules(station: Station): Promise<void> {
  const state = stateOf(station)
  if (state.timer) {
    clearTimeout(state.timer)
    state.timer = undefined
    void runRulesAfterChange(station, 'awards')
  }
  await state.tail
}
