/**
 * In the app and `kiln serve` (never in a one-shot CLI command): while the station is unlocked
 * and e-mail is set up, due messages leave by themselves. A tick every minute, and soon after
 * anything changes (an award, an export of the site, the outbox); nothing happens while a run is
 * going on. When the server cannot be reached nothing is written: the messages wait for a
 * connection, the header says how many, and the next ticks try again.
 */
import { logger } from '../logger.js'
import type { Station } from '../station/station.js'
import { isConfigured, readMailSettings } from './mail-settings.js'
import { readyCount } from './sender.js'

export type AutoSenderOptions = Readonly<{ tickMs: number; debounceMs: number }>

export function autoSenderOptions(): AutoSenderOptions {
  const raw = Number(process.env.KILN_MAIL_TICK_MS)
  const tickMs = Number.isInteger(raw) && raw >= 500 ? raw : 60_000
  return { tickMs, debounceMs: Math.min(2_000, tickMs) }
}

function wanted(station: Station): boolean {
  if (!station.initialized || station.locked) return false
  if (station.delivery.running()) return false
  try {
    if (!isConfigured(readMailSettings(station))) return false
  } catch {
    return false
  }
  return readyCount(station, { respectRetryTimes: true }) > 0
}

/** Starts the background sender; returns stop(). */
export function startAutoSender(
  station: Station,
  options: AutoSenderOptions = autoSenderOptions()
): () => void {
  let debounce: NodeJS.Timeout | undefined
  const attempt = (): void => {
    if (!wanted(station)) return
    try {
      station.delivery.start({ respectRetryTimes: true })
    } catch (error) {
      logger.debug('automatic sending did not start', error)
    }
  }
  const soon = (): void => {
    if (debounce) clearTimeout(debounce)
    debounce = station.queue.detach(() => setTimeout(attempt, options.debounceMs))
    debounce.unref?.()
  }
  // Outside any queued task: what the timers start queues on its own.
  const timer = station.queue.detach(() => setInterval(attempt, options.tickMs))
  timer.unref?.()
  const unsubscribe = station.bus.subscribe((event) => {
    if (event.name === 'station:lock-changed' && !event.payload.locked) soon()
    if (
      event.name === 'data:changed' &&
      ['awards', 'bundles', 'outbox'].includes(event.payload.domain)
    ) {
      // While the server cannot be reached only the ticks try again.
      const delivery = station.delivery
      if (!delivery.running() && delivery.runtime.offlineSince === undefined) soon()
    }
  })
  return () => {
    clearInterval(timer)
    if (debounce) clearTimeout(debounce)
    unsubscribe()
  }
}
