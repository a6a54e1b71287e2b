/** Electron's MessagePortMain as a relay port (type-only import: no electron at run time here). */
import type { MessagePortMain } from 'electron'
import type { RelayPort } from '../relay/port.js'

export function electronPort(port: MessagePortMain): RelayPort {
  return {
    post: (message) => port.postMessage(message),
    listen: (listener) => {
      port.on('message', (event) => listener(event.data))
      port.start()
    },
    close: () => port.close()
  }
}
