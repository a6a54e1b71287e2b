/**
 * The one thing the relay needs from a transport: post a structured-clone-safe message,
 * hear messages, close. Node's worker_threads MessagePort (the `kiln serve` worker) and
 * Electron's MessagePortMain (the utility process) both fit behind it; Electron's adapter
 * lives in main/electron/electron-port.ts so nothing here imports electron.
 */
import type { MessagePort } from 'node:worker_threads'

export type RelayPort = Readonly<{
  /** Throws (DataCloneError) when the message cannot be structured-cloned. */
  post(message: unknown): void
  /** Start delivering messages to `listener` (one listener per port). */
  listen(listener: (message: unknown) => void): void
  close(): void
}>

/** A worker_threads MessagePort (or a Worker's `parentPort`). */
export function nodePort(port: MessagePort): RelayPort {
  return {
    post: (message) => port.postMessage(message),
    listen: (listener) => {
      port.on('message', (message: unknown) => listener(message))
      port.start()
    },
    close: () => port.close()
  }
}
