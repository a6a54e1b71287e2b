import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../create-core.js'

let core: Core | undefined
const dirs: string[] = []
afterEach(async () => {
  await core?.close()
  core = undefined
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function open(shown: string[]): Promise<Core> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiln-reveal-'))
  dirs.push(dataDir)
  core = await createCore({ dataDir, host: 'web', reveal: async (file) => void shown.push(file) })
  return core
}

describe('host:revealPath', () => {
  it('shows files the station wrote, and nothing else', async () => {
    const shown: string[] = []
    const c = await open(shown)
    const ctx = { host: 'web' } as const
    const outside = mkdtempSync(path.join(os.tmpdir(), 'kiln-out-'))
    dirs.push(outside)
    const written = path.join(outside, 'certificates.pdf')
    writeFileSync(written, 'pdf')

    const refused = await c.dispatch('host:revealPath', { path: written }, ctx)
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(shown).toEqual([])

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
    expect(shown).toEqual([written])
  })
})
