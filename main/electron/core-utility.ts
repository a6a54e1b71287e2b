/**
 * Entry of Electron's utility process (bundled to out/electron/core-utility.js): the station
 * and all its work run here, off the main process that drives the window. The main process
 * sends one MessagePortMain; the relay (main/relay/core-server.ts) does the rest, exactly as
 * in the `kiln serve` worker thread.
 */
import { serveCore } from '../relay/core-server.js'
import { electronPort } from './electron-port.js'

const parentPort = process.parentPort
if (!parentPort) throw new Error('core-utility.js runs only as an Electron utility process.')

parentPort.once('message', (event) => {
  const port = event.ports[0]
  if (!port) throw new Error('The Kiln main process sent no MessagePort.')
  void serveCore(electronPort(port))
})
