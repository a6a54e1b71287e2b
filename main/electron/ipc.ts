/**
 * The contract over IPC: one `kiln:call` handler that answers only our window's
 * main frame showing the app, then hands method and input (still `unknown`) to the
 * dispatcher, which validates them. Bus events go to the window as `kiln:event`.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { err, type Result } from '../../shared/result.js'
import type { Dispatch } from '../core/dispatcher.js'
import type { EventBus } from '../core/events.js'
import { logger } from '../core/logger.js'
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js'
import { isTrustedSender } from './trust.js'

export type IpcOptions = Readonly<{
  dispatch: Dispatch
  bus: EventBus
  /** The current main window, if any. */
  window: () => BrowserWindow | undefined
}>

function fromOurApp(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  if (!window || window.isDestroyed()) return false
  const frame = event.senderFrame
  return isTrustedSender({
    isOurWindow: event.sender === window.webContents,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
    frameUrl: frame?.url
  })
}

/** Register the handler and the event forwarding; returns the function that undoes both. */
export function registerIpc(options: IpcOptions): () => void {
  ipcMain.handle(
    CALL_CHANNEL,
    async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!fromOurApp(event, options.window())) {
        logger.warn('ipc: refused a call from outside the Kiln window')
        return err('FORBIDDEN', 'Only the Kiln window may call the station.')
      }
      try {
        return await options.dispatch(method, input, { host: 'electron' })
      } catch (error) {
        logger.error('ipc: dispatch failed', error)
        return err('INTERNAL', 'An unexpected error happened; see the station log for details.')
      }
    }
  )
  const unsubscribe = options.bus.subscribe((event) => {
    const window = options.window()
    if (!window || window.isDestroyed()) return
    window.webContents.send(EVENT_CHANNEL, event.name, event.payload)
  })
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL)
    unsubscribe()
  }
}
