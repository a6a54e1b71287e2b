/** The one Kiln window: sandboxed, isolated, no Node, the preload as its only bridge. */
import { app, BrowserWindow } from 'electron'
import { APP_URL } from './trust.js'

export type WindowOptions = Readonly<{ preload: string; icon?: string }>

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Kiln',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged
    }
  })
  window.once('ready-to-show', () => window.show())
  return window
}

export async function loadApp(window: BrowserWindow): Promise<void> {
  await window.loadURL(APP_URL)
}
