/**
 * Child process of the packaging test: loads the PACKAGED main process (out/electron/main.js
 * from the extracted app.asar) against the stand-in `electron` module, waits until it has a
 * window and its IPC handler, then acts as Electron on the test's behalf:
 *   { t: 'call', id, method, input, sender } → the kiln:call handler with that sender
 *   { t: 'fetch', id, url }                  → the app:// protocol handler
 *   { t: 'quit', id }                        → app.quit(), and the utility process's end
 *
 *   node --import tsx packaged-main-harness.ts <extracted app dir> <userData dir>
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { app, installStandIn, recorder, StandInWebContents } from './stand-in-electron.js'

const [appDir, userData] = process.argv.slice(2)
if (!appDir || !userData) throw new Error('usage: packaged-main-harness.ts APP_DIR USER_DATA')

const senders = ['window', 'other-window', 'iframe', 'foreign-page'] as const
const requestSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('call'),
    id: z.number(),
    method: z.string(),
    input: z.unknown(),
    sender: z.enum(senders)
  }),
  z.object({ t: z.literal('fetch'), id: z.number(), url: z.string() }),
  z.object({ t: z.literal('quit'), id: z.number() })
])

function send(message: unknown): void {
  process.send?.(message)
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`the packaged main process never ${what}`)
    if (recorder.errorBoxes.length > 0) {
      throw new Error(`the packaged main process failed: ${JSON.stringify(recorder.errorBoxes)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

installStandIn({ userData, appPath: appDir })
await import(pathToFileURL(path.join(appDir, 'out', 'electron', 'main.js')).href)
await until(
  () => recorder.handlers.has('kiln:call') && recorder.windows.length === 1,
  'registered its IPC handler and opened its window'
)
const window = recorder.windows[0]
if (!window) throw new Error('no window')
await until(() => window.webContents.mainFrame.url !== '', 'loaded the app')

const utility = recorder.utilities[0]
send({
  t: 'ready',
  window: {
    url: window.webContents.mainFrame.url,
    webPreferences: window.options.webPreferences,
    guarded: window.webContents.listenerCount('will-navigate') > 0,
    windowOpenDenied: typeof window.webContents.windowOpenHandler === 'function'
  },
  channels: [...recorder.handlers.keys()],
  protocols: [...recorder.protocols.keys()],
  privilegedSchemes: recorder.privilegedSchemes,
  sandboxEnabled: recorder.sandboxEnabled,
  permissionHandlers: recorder.permissionHandlers,
  requestFilters: recorder.onBeforeRequest.length,
  utilities: recorder.utilities.map((u) => path.relative(appDir, u.modulePath))
})

function eventFor(sender: (typeof senders)[number]): { sender: unknown; senderFrame: unknown } {
  const contents = window?.webContents ?? new StandInWebContents()
  switch (sender) {
    case 'window':
      return { sender: contents, senderFrame: contents.mainFrame }
    case 'other-window': {
      const other = new StandInWebContents()
      other.mainFrame.url = contents.mainFrame.url
      return { sender: other, senderFrame: other.mainFrame }
    }
    case 'iframe':
      return { sender: contents, senderFrame: { url: contents.mainFrame.url } }
    case 'foreign-page':
      return { sender: contents, senderFrame: { ...contents.mainFrame } }
  }
}

async function handle(raw: unknown): Promise<void> {
  const request = requestSchema.parse(raw)
  switch (request.t) {
    case 'call': {
      const handler = recorder.handlers.get('kiln:call')
      if (!handler) throw new Error('kiln:call is not registered')
      const event = eventFor(request.sender)
      let restore: string | undefined
      if (request.sender === 'foreign-page' && window) {
        // The window navigated away (a guard failed): the same frame now shows a foreign page.
        restore = window.webContents.mainFrame.url
        window.webContents.mainFrame.url = 'https://evil.example/'
        event.senderFrame = window.webContents.mainFrame
      }
      try {
        send({
          t: 'result',
          id: request.id,
          result: await handler(event, request.method, request.input)
        })
      } finally {
        if (restore !== undefined && window) window.webContents.mainFrame.url = restore
      }
      return
    }
    case 'fetch': {
      const handler = recorder.protocols.get('app')
      if (!handler) throw new Error('app:// is not handled')
      const response = await handler(new Request(request.url))
      const body = await response.text()
      send({
        t: 'result',
        id: request.id,
        result: {
          status: response.status,
          csp: response.headers.get('content-security-policy'),
          contentType: response.headers.get('content-type'),
          // index.html grows with each chunk it preloads: keep all of a page, bounded only
          // against a runaway response.
          body: body.slice(0, 256 * 1024)
        }
      })
      return
    }
    case 'quit': {
      const exited = new Promise<number>((resolve) => {
        if (!utility || utility.exitCode !== undefined) resolve(utility?.exitCode ?? -1)
        else utility.once('exit', (code: number) => resolve(code))
      })
      app.quit()
      await until(() => recorder.quitted, 'quit')
      const utilityExit = await exited
      send({
        t: 'result',
        id: request.id,
        result: {
          quitted: recorder.quitted,
          utilityExit,
          utilityErrors: utility?.errors ?? [],
          handlersLeft: [...recorder.handlers.keys()]
        }
      })
      setImmediate(() => process.exit(0))
      return
    }
  }
}

process.on('message', (raw) => {
  handle(raw).catch((error: unknown) => {
    send({ t: 'failed', message: error instanceof Error ? error.stack : String(error) })
  })
})
