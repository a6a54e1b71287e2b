/**
 * The Electron main process (ESM, bundled to out/electron/main.js): opens the
 * station, serves the renderer at app://kiln, and wires the window to the core over
 * IPC. All business logic lives in main/core; this file only hosts it.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, session, type BrowserWindow } from 'electron'
import { createCore, type Core } from '../core/create-core.js'
import { KilnFailure } from '../core/failure.js'
import { logger } from '../core/logger.js'
import { electronHostServices } from './host-services.js'
import { registerIpc } from './ipc.js'
import { registerAppScheme, serveAppProtocol } from './protocol.js'
import { hardenApp, hardenSession } from './security.js'
import { createMainWindow, loadApp } from './window.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const rendererDir = path.join(here, '..', 'renderer')
const preload = path.join(here, 'preload.cjs')

let core: Core | undefined
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

async function start(): Promise<void> {
  hardenSession(session.defaultSession)
  await serveAppProtocol(rendererDir)
  try {
    core = await createCore({
      dataDir: dataDir(),
      host: 'electron',
      hostServices: electronHostServices(() => mainWindow)
    })
  } catch (error) {
    const message =
      error instanceof KilnFailure ? error.message : 'Kiln could not open its station folder.'
    logger.error('could not open the station', error)
    dialog.showErrorBox('Kiln cannot start', `${message}\n\nFolder: ${dataDir()}`)
    app.exit(1)
    return
  }
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
    shutdown().finally(() => app.quit())
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('Kiln failed to start', error)
      app.exit(1)
    })
}
