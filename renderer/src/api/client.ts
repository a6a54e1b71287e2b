/**
 * The one KilnApi the renderer uses: the Electron preload's `window.kiln` when present,
 * otherwise a fetch + Server-Sent Events client for the loopback web host.
 */
import type { KilnApi } from '../../../shared/api.js'
import { startSession } from './token.js'
import { createWebClient } from './web-client.js'

type KilnWindow = Window & { kiln?: KilnApi }

function createClient(): KilnApi {
  const preloaded = (window as KilnWindow).kiln
  if (preloaded) return preloaded
  const token = startSession({
    location: window.location,
    history: window.history,
    storage: window.sessionStorage
  })
  return createWebClient(token)
}

export const kiln: KilnApi = createClient()
