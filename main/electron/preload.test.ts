import { describe, expect, it } from 'vitest'
import { build } from 'esbuild'
import vm from 'node:vm'
import path from 'node:path'
import { METHOD_NAMES } from '../../shared/contract.js'
import { functionNameFor } from '../../shared/api.js'

/**
 * Bundles the real preload exactly as scripts/build.mjs does (CJS, only 'electron'
 * external) and runs it in a fresh VM context whose `require` knows nothing but a
 * fake 'electron': this proves the sandboxed bundle needs no other module and
 * shows exactly what reaches `window.kiln`.
 */
async function loadPreload() {
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'preload.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent'
  })
  const code = out.outputFiles[0]?.text ?? ''
  const exposed = new Map<string, unknown>()
  const invoked: unknown[][] = []
  let eventHandler: ((event: unknown, ...args: unknown[]) => void) | undefined
  const requested: string[] = []
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args)
        if (args[1] === 'app:info') throw new Error('main process gone')
        return { ok: true, value: 'from main' }
      },
      on: (channel: string, handler: (event: unknown, ...args: unknown[]) => void) => {
        if (channel === 'kiln:event') eventHandler = handler
      }
    }
  }
  const module = { exports: {} }
  const sandbox = {
    module,
    exports: module.exports,
    require: (name: string) => {
      requested.push(name)
      if (name === 'electron') return electron
      throw new Error(`sandboxed preload may not require ${name}`)
    }
  }
  vm.runInNewContext(code, sandbox)
  return { exposed, invoked, emit: eventHandler, requested }
}

describe('preload', () => {
  it('exposes only window.kiln: one function per method plus on', async () => {
    const { exposed, requested } = await loadPreload()
    expect([...exposed.keys()]).toEqual(['kiln'])
    expect(requested).toEqual(['electron'])
    const api = exposed.get('kiln') as Record<string, unknown>
    const expected = [...METHOD_NAMES.map(functionNameFor), 'on'].sort()
    expect(Object.keys(api).sort()).toEqual(expected)
    for (const key of expected) expect(typeof api[key], key).toBe('function')
  })

  it('calls kiln:call with the method and input, and turns a failed invoke into a Result', async () => {
    const { exposed, invoked } = await loadPreload()
    const api = exposed.get('kiln') as Record<string, (input?: unknown) => Promise<unknown>>
    expect(await api.badgesGet?.({ id: 'b1' })).toEqual({ ok: true, value: 'from main' })
    expect(invoked[0]).toEqual(['kiln:call', 'badges:get', { id: 'b1' }])
    expect(await api.appInfo?.()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('delivers only known events to listeners, and stops after unsubscribe', async () => {
    const { exposed, emit } = await loadPreload()
    const api = exposed.get('kiln') as {
      on: (event: string, listener: (payload: unknown) => void) => () => void
    }
    const seen: unknown[] = []
    const off = api.on('data:changed', (payload) => seen.push(payload))
    expect(() => api.on('evil:event', () => undefined)).toThrow(/Unknown Kiln event/)
    emit?.({}, 'data:changed', { domain: 'badges' })
    emit?.({}, 'evil:event', { domain: 'x' })
    emit?.({}, 'job:progress', { jobId: 'j', done: 1, total: 2 })
    off()
    emit?.({}, 'data:changed', { domain: 'awards' })
    expect(seen).toEqual([{ domain: 'badges' }])
  })
})
