import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ok } from '../../shared/result.js'
import type { Dispatch } from '../core/dispatcher.js'
import { EventBus } from '../core/events.js'
import { logger } from '../core/logger.js'
import type { BrowserWindow } from 'electron'

// The real 'electron' module must never load in Node (it tries to download a binary):
// a minimal fake ipcMain stands in for it.
type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>
const handlers = new Map<string, Handler>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel)
  }
}))

const { registerIpc } = await import('./ipc.js')

function fakeWindow(url = 'app://kiln/index.html') {
  const mainFrame = { url }
  const sent: unknown[][] = []
  const webContents = { mainFrame, send: (...args: unknown[]) => sent.push(args) }
  return { window: { webContents, isDestroyed: () => false }, mainFrame, webContents, sent }
}

describe('registerIpc', () => {
  let calls: unknown[][]
  let dispatch: Dispatch
  let bus: EventBus

  beforeEach(() => {
    handlers.clear()
    calls = []
    dispatch = async (...args) => {
      calls.push(args)
      return ok('answered')
    }
    bus = new EventBus()
  })

  function setup(win: ReturnType<typeof fakeWindow>) {
    // The fake only has what ipc.ts touches.
    const window = win.window as unknown as BrowserWindow
    const off = registerIpc({ dispatch, bus, window: () => window })
    const handler = handlers.get('kiln:call')
    if (!handler) throw new Error('no kiln:call handler registered')
    return { off, handler }
  }

  it('dispatches calls from our window main frame with host "electron"', async () => {
    const win = fakeWindow()
    const { handler } = setup(win)
    const event = { sender: win.webContents, senderFrame: win.mainFrame }
    expect(await handler(event, 'badges:list', { q: 1 })).toEqual({ ok: true, value: 'answered' })
    expect(calls).toEqual([['badges:list', { q: 1 }, { host: 'electron' }]])
  })

  it('refuses another sender, an iframe, a foreign page and a vanished frame', async () => {
    const lines: string[] = []
    const restore = logger.setSink((line) => lines.push(line))
    const win = fakeWindow()
    const { handler } = setup(win)
    const other = fakeWindow()
    const foreign = fakeWindow('https://evil.example/')
    const cases = [
      { sender: other.webContents, senderFrame: other.mainFrame },
      { sender: win.webContents, senderFrame: { url: 'app://kiln/index.html' } },
      { sender: win.webContents, senderFrame: null }
    ]
    for (const event of cases) {
      expect(await handler(event, 'badges:list', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' }
      })
    }
    win.mainFrame.url = foreign.mainFrame.url
    expect(
      await handler({ sender: win.webContents, senderFrame: win.mainFrame }, 'app:info', {})
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    restore()
    expect(calls).toEqual([])
    expect(lines).toHaveLength(4)
    expect(lines[0]).toContain('refused a call from outside the Kiln window')
  })

  it('sends host:pickFolder to the core like every call (the relay asks this process back)', async () => {
    const win = fakeWindow()
    const { handler } = setup(win)
    const event = { sender: win.webContents, senderFrame: win.mainFrame }
    expect(await handler(event, 'host:pickFolder', { title: 'Backups' })).toEqual({
      ok: true,
      value: 'answered'
    })
    expect(calls).toEqual([['host:pickFolder', { title: 'Backups' }, { host: 'electron' }]])
  })

  it('forwards bus events to the window until unregistered', async () => {
    const win = fakeWindow()
    const { off } = setup(win)
    bus.emit('data:changed', { domain: 'awards' })
    expect(win.sent).toEqual([['kiln:event', 'data:changed', { domain: 'awards' }]])
    off()
    bus.emit('data:changed', { domain: 'badges' })
    expect(win.sent).toHaveLength(1)
    expect(handlers.has('kiln:call')).toBe(false)
  })
})
