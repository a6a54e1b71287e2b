/** Opens a station (which builds its services) and wires the dispatcher every host uses. */
import { createDispatcher, type Dispatch } from './dispatcher.js'
import { EventBus } from './events.js'
import { createHandlers } from './handlers/index.js'
import { deskGuard } from './desk/desk-guard.js'
import { noHostServices, type HostServices } from './host-services.js'
import { logger } from './logger.js'
import { Station, type StationOptions } from './station/station.js'
import type { Clock } from './clock.js'
import type { EarlyUnlock } from './keys/early-unlock.js'

export type Core = Readonly<{
  dispatch: Dispatch
  bus: EventBus
  station: Station
  /** Settles the station (pending rules run, running jobs, queued changes) and closes it. */
  close(): Promise<void>
}>

export type CoreOptions = Readonly<{
  dataDir: string
  host: 'electron' | 'web' | 'cli'
  /** What the host does for the core (reveal, pick a folder, open a URL, log); default: none. */
  hostServices?: HostServices
  /** The time awards are dated with (default: the system clock; tests inject one). */
  clock?: Clock
  /** Test seam: fewer entries per status list (or fewer lists), so lists roll over quickly. */
  statusLists?: StationOptions['statusLists']
  /** A key derivation started before opening (the CLI's $KILN_PASSPHRASE, keys/early-unlock.ts). */
  earlyUnlock?: EarlyUnlock
}>

export async function createCore(options: CoreOptions): Promise<Core> {
  const services = options.hostServices ?? noHostServices
  const restoreLog = services.log ? logger.setSink(services.log) : undefined
  const bus = new EventBus()
  let station: Station
  try {
    station = await Station.open(options.dataDir, {
      bus,
      host: services,
      longLived: options.host !== 'cli',
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.statusLists ? { statusLists: options.statusLists } : {}),
      ...(options.earlyUnlock ? { earlyUnlock: options.earlyUnlock } : {})
    })
  } catch (error) {
    restoreLog?.()
    throw error
  }
  const dispatch = createDispatcher(
    createHandlers(station, options.host),
    station.queue,
    deskGuard(station)
  )
  return {
    dispatch,
    bus,
    station,
    close: async () => {
      try {
        await station.close()
      } finally {
        restoreLog?.()
      }
    }
  }
}
