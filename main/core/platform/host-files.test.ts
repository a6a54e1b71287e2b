import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../create-core.js'
import { checkFolder } from './host-files.js'

let core: Core | undefined
const dirs: string[] = []
afterEach(async () => {
  await core?.close()
  core = undefined
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700)
    rmSync(dir, { recursive: true, force: true })
  }
})

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-host-files-'))
  dirs.push(dir)
  return dir
}

const ctx = { host: 'web' } as const

describe('host:checkFolder', () => {
  it('says whether a folder exists and may be written, in words', () => {
    const dir = tempDir()
    expect(checkFolder(dir)).toEqual({
      exists: true,
      writable: true,
      message: 'The folder exists and Kiln can write to it.'
    })
    expect(checkFolder(path.join(dir, 'new', 'deeper'))).toMatchObject({
      exists: false,
      writable: true,
      message: expect.stringContaining('Kiln will create it')
    })
    const file = path.join(dir, 'notes.txt')
    writeFileSync(file, 'x')
    expect(checkFolder(file)).toMatchObject({ exists: false, writable: false })
    expect(checkFolder('badges/out')).toMatchObject({
      exists: false,
      writable: false,
      message: expect.stringContaining('full path')
    })
  })

  it('a folder this account may not write to is said, not discovered by a failed export', () => {
    // Root writes through permission bits; /proc/1 refuses even root (Linux, where tests run).
    let locked = '/proc/1'
    if (process.getuid?.() !== 0) {
      locked = path.join(tempDir(), 'locked')
      mkdirSync(locked)
      chmodSync(locked, 0o500)
    }
    expect(checkFolder(locked)).toEqual({
      exists: true,
      writable: false,
      message: 'The folder exists, but this user account may not write to it.'
    })
  })

  it('checks the folder of a file to write, and an existing file', () => {
    const dir = tempDir()
    expect(checkFolder(path.join(dir, 'site.zip'), true)).toMatchObject({
      exists: true,
      writable: true
    })
    writeFileSync(path.join(dir, 'site.zip'), 'x')
    expect(checkFolder(path.join(dir, 'site.zip'), true)).toMatchObject({
      writable: false,
      message: expect.stringContaining('exists already')
    })
    expect(checkFolder(path.join(dir, 'missing', 'site.zip'), true)).toMatchObject({
      exists: false
    })
  })

  it('is a contract method that answers without changing anything', async () => {
    const dataDir = tempDir()
    core = await createCore({ dataDir, host: 'web' })
    const target = path.join(dataDir, 'not-yet')
    const result = await core.dispatch('host:checkFolder', { path: target }, ctx)
    expect(result).toMatchObject({ ok: true, value: { exists: false, writable: true } })
    expect(checkFolder(target).exists).toBe(false)
  })
})

describe('host:readOutput and host:exportPath', () => {
  it('hands over files the station wrote, and nothing else', async () => {
    const dataDir = tempDir()
    core = await createCore({ dataDir, host: 'web' })
    const outside = tempDir()
    const written = path.join(outside, 'Speaker - certificates.pdf')
    writeFileSync(written, '%PDF-1.7 test')

    const refused = await core.dispatch('host:readOutput', { path: written }, ctx)
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Files in the data folder (the key, the journal) are never handed over.
    writeFileSync(path.join(dataDir, 'key.json'), '{}')
    const key = await core.dispatch(
      'host:readOutput',
      { path: path.join(dataDir, 'key.json') },
      ctx
    )
    expect(key).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    core.station.outputs.remember(written)
    const read = await core.dispatch('host:readOutput', { path: written }, ctx)
    expect(read).toEqual({
      ok: true,
      value: {
        filename: 'Speaker - certificates.pdf',
        mediaType: 'application/pdf',
        base64: Buffer.from('%PDF-1.7 test').toString('base64')
      }
    })
  })

  it('gives a fresh path in exports/ for a plain file name, and refuses folders in the name', async () => {
    const dataDir = tempDir()
    core = await createCore({ dataDir, host: 'web' })
    await core.dispatch(
      'station:init',
      {
        issuerName: 'Example Association',
        issuerUrl: 'https://example.org/',
        siteUrl: 'https://badges.example.org/',
        passphrase: 'correct horse battery staple'
      },
      ctx
    )
    const first = await core.dispatch('host:exportPath', { fileName: 'Site bundle.zip' }, ctx)
    expect(first).toEqual({
      ok: true,
      value: { path: path.join(dataDir, 'exports', 'Site bundle.zip') }
    })
    writeFileSync(path.join(dataDir, 'exports', 'Site bundle.zip'), 'x')
    const second = await core.dispatch('host:exportPath', { fileName: 'Site bundle.zip' }, ctx)
    expect(second).toMatchObject({
      value: { path: path.join(dataDir, 'exports', 'Site bundle (2).zip') }
    })
    for (const fileName of ['../key.json', 'a/b.zip', '.hidden']) {
      expect(await core.dispatch('host:exportPath', { fileName }, ctx)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' }
      })
    }
  })
})
