/** Opens a station and wires the dispatcher and event bus that every host uses. */
import { createDispatcher, type Dispatch } from './dispatcher.js'
import { EventBus } from './events.js'
import { createHandlers } from './handlers/index.js'
import { Station } from './station/station.js'
import { settleRules } from './rules/auto-run.js'
import type { Reveal } from './platform/reveal.js'
import type { Clock } from './clock.js'

export type Core = Readonly<{
  dispatch: Dispatch
  bus: EventBus
  station: Station
  close(): Promise<void>
}>

export async function createCore(options: {
  dataDir: string
  host: 'electron' | 'web' | 'cli'
  /** Shows a file in the system's file manager (Electron: shell.showItemInFolder). */
  reveal?: Reveal
  /** The time awards are dated with (default: the system clock; tests inject one). */
  clock?: Clock
}): Promise<Core> {
  const bus = new EventBus()
  const station = await Station.open(options.dataDir, bus, options.clock)
  const dispatch = createDispatcher(createHandlers(station, options.host, options.reveal))
  return {
    dispatch,
    bus,
    station,
    close: async () => {
      if (station.initialized) await settleRules(station)
      station.close()
    }
  }
}
