/**
 * The sandboxed preload (bundled to CJS with shared/ inlined; it may require only
 * 'electron'). Exposes `window.kiln`: one named function per contract method and
 * `on(event, listener)`. Nothing else crosses: no ipcRenderer, no process, no env.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '../../shared/api.js'
import { EVENT_NAMES, type EventName } from '../../shared/events.js'
import { err, type Result } from '../../shared/result.js'
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js'

type Listener = (payload: unknown) => void

const listeners = new Map<EventName, Set<Listener>>()

function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value)
}

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload)
    } catch {
      // One broken screen must not stop the others from hearing the event.
    }
  }
})

async function call(method: string, input: unknown): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(CALL_CHANNEL, method, input)) as Result<unknown>
  } catch {
    return err('INTERNAL', 'The station did not answer; restart Kiln if this keeps happening.')
  }
}

function on(event: EventName, listener: Listener): () => void {
  if (!isEventName(event)) throw new TypeError(`Unknown Kiln event ${String(event).slice(0, 40)}`)
  if (typeof listener !== 'function') {
    throw new TypeError('A Kiln event listener must be a function')
  }
  const set = listeners.get(event) ?? new Set<Listener>()
  listeners.set(event, set)
  set.add(listener)
  return () => {
    set.delete(listener)
  }
}

contextBridge.exposeInMainWorld('kiln', buildApi(call, on))
