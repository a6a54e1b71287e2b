/**
 * The Electron main process (ESM, bundled to out/electron/main.js): starts the core in a
 * utility process (utility-core.ts), serves the renderer at app://kiln, and relays the
 * window's IPC calls to the core. All business logic lives in main/core, off this process.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, session, type BrowserWindow } from 'electron'
import { KilnFailure } from '../core/failure.js'
import { logger } from '../core/logger.js'
import { attachLogFile } from '../core/logging/rotating-file.js'
import type { RelayedCore } from '../relay/core-client.js'
import { electronHostServices } from './host-services.js'
import { registerIpc } from './ipc.js'
import { registerAppScheme, serveAppProtocol } from './protocol.js'
import { hardenApp, hardenSession } from './security.js'
import { startUtilityCore } from './utility-core.js'
import { createMainWindow, loadApp } from './window.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const rendererDir = path.join(here, '..', 'renderer')
const preload = path.join(here, 'preload.cjs')
const coreEntry = path.join(here, 'core-utility.js')

let core: RelayedCore | undefined
let mainWindow: BrowserWindow | undefined
let unregisterIpc: (() => void) | undefined

function dataDir(): string {
  return process.env.KILN_DATA || path.join(app.getPath('userData'), 'station')
}

function openWindow(): void {
  const window = createMainWindow({
    preload,
    icon: path.join(app.getAppPath(), 'resources', 'icon.png')
  })
  mainWindow = window
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined
  })
  loadApp(window).catch((error: unknown) => logger.error('could not load the Kiln window', error))
}

/** What only this process can do for the core (the shell, native dialogs), asked over the relay. */
const hostServices = electronHostServices(() => mainWindow)

async function start(): Promise<void> {
  hardenSession(session.defaultSession)
  attachLogFile(dataDir())
  await serveAppProtocol(rendererDir)
  try {
    core = await startUtilityCore({ entry: coreEntry, dataDir: dataDir(), services: hostServices })
  } catch (error) {
    const message =
      error instanceof KilnFailure ? error.message : 'Kiln could not open its station folder.'
    logger.error('could not open the station', error)
    dialog.showErrorBox('Kiln cannot start', `${message}\n\nFolder: ${dataDir()}`)
    app.exit(1)
    return
  }
  logger.info('Kiln started; the station runs in a utility process')
  const { dispatch, bus } = core
  unregisterIpc = registerIpc({ dispatch, bus, window: () => mainWindow })
  openWindow()
}

let closed = false
async function shutdown(): Promise<void> {
  unregisterIpc?.()
  unregisterIpc = undefined
  try {
    await core?.close()
  } catch (error) {
    logger.error('could not close the station cleanly', error)
  }
  core = undefined
}

registerAppScheme()
app.enableSandbox()
hardenApp()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('activate', () => {
    if (core && !mainWindow) openWindow()
  })
  app.on('before-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closed = true
    void shutdown().finally(() => app.quit())
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('Kiln failed to start', error)
      app.exit(1)
    })
}
