/**
 * The core in a utility process: forks out/electron/core-utility.js, hands it one end of a
 * MessageChannelMain and relays the contract over it (main/relay/core-client.ts), so a long
 * export or a big PDF never freezes the window. Dialogs and the shell stay here, in the main
 * process, and are offered to the core as host services.
 */
import { MessageChannelMain, utilityProcess } from 'electron'
import { logger } from '../core/logger.js'
import { connectCore, type CoreLink, type RelayedCore } from '../relay/core-client.js'
import type { HostServices } from '../core/host-services.js'
import { electronPort } from './electron-port.js'

export async function startUtilityCore(
  options: Readonly<{ entry: string; dataDir: string; services: HostServices }>
): Promise<RelayedCore> {
  const child = utilityProcess.fork(options.entry, [], {
    serviceName: 'Kiln station',
    stdio: 'inherit'
  })
  child.on('error', (type, location) =>
    logger.error(`the station process failed (${type} at ${location})`)
  )
  const { port1, port2 } = new MessageChannelMain()
  child.postMessage({ kiln: 'relay' }, [port2])
  const link: CoreLink = {
    port: electronPort(port1),
    onExit: (listener) => child.once('exit', (code) => listener({ code })),
    kill: () => {
      child.kill()
    }
  }
  return connectCore(link, {
    dataDir: options.dataDir,
    host: 'electron',
    services: options.services
  })
}
