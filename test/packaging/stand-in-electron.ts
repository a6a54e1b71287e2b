/**
 * A stand-in for the `electron` module, for loading the packaged main process in plain Node:
 * it records what the main process does (windows, IPC handlers, protocol handlers, session
 * guards, utility processes, dialogs) and lets the test act as Electron would (fire the IPC
 * handler with a chosen sender, quit). `utilityProcess.fork` runs the packaged utility entry
 * in a worker thread whose `process.parentPort` and ports behave like Electron's.
 */
import { EventEmitter } from 'node:events'
import { pathToFileURL } from 'node:url'
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads'

type Listener = (...args: unknown[]) => void
export type IpcHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>
type ProtocolHandler = (request: Request) => Promise<Response>

/** MessagePortMain: 'message' listeners get `{ data, ports }`. */
export class StandInPortMain {
  constructor(readonly nodePort: MessagePort) {}
  on(event: string, listener: Listener): this {
    if (event === 'message') {
      this.nodePort.on('message', (data: unknown) => listener({ data, ports: [] }))
    } else {
      this.nodePort.on(event, listener)
    }
    return this
  }
  start(): void {
    this.nodePort.start()
  }
  close(): void {
    this.nodePort.close()
  }
  postMessage(message: unknown): void {
    this.nodePort.postMessage(message)
  }
}

export class MessageChannelMain {
  readonly port1: StandInPortMain
  readonly port2: StandInPortMain
  constructor() {
    const channel = new MessageChannel()
    this.port1 = new StandInPortMain(channel.port1)
    this.port2 = new StandInPortMain(channel.port2)
  }
}

/**
 * Runs in the worker: gives the packaged entry Electron's `process.parentPort`, whose messages
 * carry MessagePortMain-like ports. Plain JavaScript, since the worker loads no TypeScript.
 */
const UTILITY_SHIM = `
const { parentPort, workerData } = require('node:worker_threads')
const { EventEmitter } = require('node:events')
function portMain(port) {
  return {
    on(event, listener) {
      if (event === 'message') port.on('message', (data) => listener({ data, ports: [] }))
      else port.on(event, listener)
      return this
    },
    start() { port.start() },
    close() { port.close() },
    postMessage(message) { port.postMessage(message) }
  }
}
const parent = new EventEmitter()
parent.postMessage = (message) => parentPort.postMessage({ data: message })
process.parentPort = parent
// Electron queues messages until the entry listens: attach once the entry has run.
import(workerData.entry).then(() => {
  parentPort.on('message', (message) =>
    parent.emit('message', { data: message.data, ports: message.ports.map(portMain) })
  )
})
`

export class StandInUtilityProcess extends EventEmitter {
  readonly worker: Worker
  readonly errors: string[] = []
  exitCode: number | undefined
  constructor(
    readonly modulePath: string,
    readonly options: unknown
  ) {
    super()
    this.worker = new Worker(UTILITY_SHIM, {
      eval: true,
      workerData: { entry: pathToFileURL(modulePath).href }
    })
    this.worker.on('online', () => this.emit('spawn'))
    this.worker.on('error', (error) => this.errors.push(error.message))
    this.worker.on('exit', (code) => {
      this.exitCode = code
      this.emit('exit', code)
    })
  }
  postMessage(message: unknown, transfer: StandInPortMain[] = []): void {
    const ports = transfer.map((port) => port.nodePort)
    this.worker.postMessage({ data: message, ports }, ports)
  }
  kill(): boolean {
    void this.worker.terminate()
    return true
  }
}

export class StandInWebContents extends EventEmitter {
  readonly mainFrame = { url: '' }
  readonly sent: unknown[][] = []
  windowOpenHandler: unknown
  send(...args: unknown[]): void {
    this.sent.push(args)
  }
  setWindowOpenHandler(handler: unknown): void {
    this.windowOpenHandler = handler
  }
}

export type Recorder = {
  windows: StandInBrowserWindow[]
  handlers: Map<string, IpcHandler>
  protocols: Map<string, ProtocolHandler>
  privilegedSchemes: unknown[]
  utilities: StandInUtilityProcess[]
  errorBoxes: Array<[string, string]>
  permissionHandlers: string[]
  onBeforeRequest: unknown[]
  sandboxEnabled: boolean
  quitted: boolean
  exitCodes: number[]
}

export const recorder: Recorder = {
  windows: [],
  handlers: new Map(),
  protocols: new Map(),
  privilegedSchemes: [],
  utilities: [],
  errorBoxes: [],
  permissionHandlers: [],
  onBeforeRequest: [],
  sandboxEnabled: false,
  quitted: false,
  exitCodes: []
}

class StandInApp extends EventEmitter {
  isPackaged = true
  userData = ''
  appPath = ''
  private readonly ready = new Promise<void>((resolve) => setImmediate(resolve))
  enableSandbox(): void {
    recorder.sandboxEnabled = true
  }
  requestSingleInstanceLock(): boolean {
    return true
  }
  whenReady(): Promise<void> {
    return this.ready
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`stand-in app.getPath(${name}) is not recorded`)
    return this.userData
  }
  getAppPath(): string {
    return this.appPath
  }
  quit(): void {
    let prevented = false
    this.emit('before-quit', { preventDefault: () => (prevented = true) })
    if (!prevented) recorder.quitted = true
  }
  exit(code = 0): void {
    recorder.exitCodes.push(code)
  }
}

export const app = new StandInApp()

export class StandInBrowserWindow extends EventEmitter {
  readonly webContents = new StandInWebContents()
  destroyed = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    recorder.windows.push(this)
    app.emit('web-contents-created', {}, this.webContents)
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url
    setImmediate(() => this.emit('ready-to-show'))
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  show(): void {}
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  focus(): void {}
}

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    recorder.handlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    recorder.handlers.delete(channel)
  }
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    recorder.privilegedSchemes.push(...schemes)
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    recorder.protocols.set(scheme, handler)
  }
}

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => recorder.permissionHandlers.push('request'),
    setPermissionCheckHandler: () => recorder.permissionHandlers.push('check'),
    setDevicePermissionHandler: () => recorder.permissionHandlers.push('device'),
    webRequest: {
      onBeforeRequest: (handler: unknown) => recorder.onBeforeRequest.push(handler)
    }
  }
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    recorder.errorBoxes.push([title, content])
  },
  async showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    return { canceled: true, filePaths: [] }
  }
}

export const shell = {
  async showItemInFolder(): Promise<void> {},
  async openExternal(): Promise<void> {}
}

export const utilityProcess = {
  fork(modulePath: string, _args: string[] = [], options: unknown = {}): StandInUtilityProcess {
    const child = new StandInUtilityProcess(modulePath, options)
    recorder.utilities.push(child)
    return child
  }
}

export const BrowserWindow = StandInBrowserWindow

/** The module the packaged main imports as 'electron' (written into the extracted package). */
export const ELECTRON_SHIM_NAMES = [
  'app',
  'BrowserWindow',
  'dialog',
  'ipcMain',
  'MessageChannelMain',
  'protocol',
  'session',
  'shell',
  'utilityProcess'
] as const

export function installStandIn(options: { userData: string; appPath: string }): void {
  app.userData = options.userData
  app.appPath = options.appPath
  const standIn: Record<(typeof ELECTRON_SHIM_NAMES)[number], unknown> = {
    app,
    BrowserWindow,
    dialog,
    ipcMain,
    MessageChannelMain,
    protocol,
    session,
    shell,
    utilityProcess
  }
  Object.assign(globalThis, { __kilnElectronStandIn: standIn })
}

export function electronShimSource(): string {
  return [
    'const standIn = globalThis.__kilnElectronStandIn',
    "if (!standIn) throw new Error('the stand-in electron module was not installed')",
    ...ELECTRON_SHIM_NAMES.map((name) => `export const ${name} = standIn.${name}`)
  ].join('\n')
}
