import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ok } from '../../../shared/result.js'
import { createCore, type Core } from '../create-core.js'
import { noHostServices, type HostServices } from '../host-services.js'

let core: Core | undefined
const dirs: string[] = []
afterEach(async () => {
  await core?.close()
  core = undefined
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

type Calls = { shown: string[]; picked: string[]; opened: string[] }

/** A host that records what the core asked of it (as Electron's or the web host's would act). */
function recordingHost(calls: Calls): HostServices {
  return {
    revealPath: async (file) => {
      calls.shown.push(file)
      return ok({ shown: file })
    },
    pickFolder: async ({ title }) => {
      calls.picked.push(title)
      return ok({ path: '/chosen/folder' })
    },
    openUrl: async (url) => {
      calls.opened.push(url)
      return ok({ opened: url })
    }
  }
}

async function open(hostServices?: HostServices): Promise<Core> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiln-host-'))
  dirs.push(dataDir)
  core = await createCore({ dataDir, host: 'web', ...(hostServices ? { hostServices } : {}) })
  return core
}

const ctx = { host: 'web' } as const

describe('host services', () => {
  it('shows files the station wrote, and nothing else', async () => {
    const calls: Calls = { shown: [], picked: [], opened: [] }
    const c = await open(recordingHost(calls))
    const outside = mkdtempSync(path.join(os.tmpdir(), 'kiln-out-'))
    dirs.push(outside)
    const written = path.join(outside, 'certificates.pdf')
    writeFileSync(written, 'pdf')

    const refused = await c.dispatch('host:revealPath', { path: written }, ctx)
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(calls.shown).toEqual([])

    c.station.outputs.remember(written)
    expect(await c.dispatch('host:revealPath', { path: written }, ctx)).toEqual({
      ok: true,
      value: { shown: written }
    })
    const relative = await c.dispatch('host:revealPath', { path: 'certificates.pdf' }, ctx)
    expect(relative).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const sneaky = await c.dispatch(
      'host:revealPath',
      { path: path.join(c.station.paths.dataDir, '..', path.basename(outside), 'x') },
      ctx
    )
    expect(sneaky).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(calls.shown).toEqual([written])
  })

  it('asks the host for a folder and to open http(s) pages only', async () => {
    const calls: Calls = { shown: [], picked: [], opened: [] }
    const c = await open(recordingHost(calls))
    expect(await c.dispatch('host:pickFolder', { title: 'Backups' }, ctx)).toEqual({
      ok: true,
      value: { path: '/chosen/folder' }
    })
    const url = 'https://badges.example.org/credentials/x/'
    expect(await c.dispatch('host:openUrl', { url }, ctx)).toEqual({
      ok: true,
      value: { opened: url }
    })
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      const refused = await c.dispatch('host:openUrl', { url: bad }, ctx)
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(calls).toEqual({ shown: [], picked: ['Backups'], opened: [url] })
  })

  it('without host services (the CLI), says what needs the desktop app', async () => {
    const c = await open()
    expect(noHostServices).toBeDefined()
    const picked = await c.dispatch('host:pickFolder', {}, ctx)
    expect(picked).toMatchObject({ ok: false, error: { code: 'NEEDS_DESKTOP_APP' } })
    if (!picked.ok) expect(picked.error.message).toMatch(/type the folder’s full path/)
    const opened = await c.dispatch('host:openUrl', { url: 'https://example.org/' }, ctx)
    expect(opened).toMatchObject({ ok: false, error: { code: 'NEEDS_DESKTOP_APP' } })
  })
})
