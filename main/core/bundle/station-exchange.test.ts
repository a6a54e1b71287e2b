import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MethodInput, MethodName, MethodResults } from '../../../shared/contract.js'
import { createCore, type Core } from '../create-core.js'
import { jobResult } from '../awards/test-support/station-kit.js'

const PASS = 'station exchange test passphrase'
const dirs: string[] = []
const cores: Core[] = []

beforeAll(() => {
  process.env.KILN_SCRYPT_N = '16384'
})

afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const r = await core.dispatch(method, input, { host: 'cli' })
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
  return r.value as MethodResults[M]
}

async function station(
  site = 'https://badges.example.org/',
  did: 'web' | 'key' = 'web'
): Promise<Core> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-exchange-'))
  dirs.push(dir)
  const core = await createCore({ dataDir: dir, host: 'cli' })
  cores.push(core)
  await call(core, 'station:init', {
    issuerName: 'Org',
    issuerUrl: 'https://example.org/',
    siteUrl: site,
    did,
    passphrase: PASS
  })
  const badge = await call(core, 'badges:create', {
    name: 'B',
    description: 'd',
    criteriaNarrative: 'c'
  })
  await call(core, 'badges:publish', { id: badge.id })
  await call(core, 'awards:issue', { badgeId: badge.id, email: 'x@example.com', name: 'X' })
  return core
}

async function exportFile(core: Core): Promise<string> {
  const file = path.join(
    core.station.paths.dataDir,
    '..',
    `${path.basename(core.station.paths.dataDir)}-export.json`
  )
  dirs.push(file)
  await call(core, 'stations:export', { outFile: file })
  return file
}

describe('station export / merge checks', () => {
  it('refuses a tampered file, another issuer, its own export, and records nothing', async () => {
    const lead = await station()
    const other = await station()
    const file = await exportFile(other)
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      items: { data: { award: { recipientName: string } } }[]
    }
    const first = doc.items[0]
    if (!first) throw new Error('no items')
    first.data.award.recipientName = 'Mallory'
    const tampered = `${file}.tampered.json`
    dirs.push(tampered)
    writeFileSync(tampered, JSON.stringify(doc))
    await expect(call(lead, 'stations:merge', { file: tampered })).rejects.toMatchObject({
      code: 'INVALID_INPUT'
    })
    // An item the journal could not take (a statusIndex that is not a number) is named.
    const malformed = JSON.parse(readFileSync(file, 'utf8')) as {
      items: { data: { award: { statusIndex: unknown } } }[]
    }
    const item = malformed.items[0]
    if (!item) throw new Error('no items')
    item.data.award.statusIndex = 'seven'
    const broken = `${file}.broken.json`
    dirs.push(broken)
    writeFileSync(broken, JSON.stringify(malformed))
    await expect(call(lead, 'stations:merge', { file: broken })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/item 1: award\.issued: data\.award\.statusIndex/)
    })
    const foreign = await station('https://other.example.net/')
    await expect(call(foreign, 'stations:merge', { file })).rejects.toMatchObject({
      code: 'CONFLICT'
    })
    await expect(call(other, 'stations:merge', { file })).rejects.toMatchObject({
      code: 'CONFLICT'
    })
    expect(lead.station.awards.size).toBe(1)
    const merged = await call(lead, 'stations:merge', { file })
    expect(merged).toMatchObject({ added: 1, unchanged: false })
    expect(lead.station.awards.size).toBe(2)
  })

  it('a did:key station cannot rotate (the key is the issuer); its site needs no did.json', async () => {
    const core = await station('https://badges.example.org/', 'key')
    await expect(call(core, 'keys:rotate', { passphrase: PASS })).rejects.toMatchObject({
      code: 'INVALID_INPUT'
    })
    const out = path.join(
      core.station.paths.dataDir,
      '..',
      `${path.basename(core.station.paths.dataDir)}-site`
    )
    dirs.push(out)
    const { jobId } = await call(core, 'bundle:export', { out })
    const bundle = (await jobResult(core, jobId, 'bundle:export')).result
    expect(bundle?.seq).toBe(1)
    expect(existsSync(path.join(out, '.well-known', 'did.json'))).toBe(false)
    expect(existsSync(path.join(out, 'issuer.json'))).toBe(true)
    const report = await call(core, 'bundle:verify', { dir: out })
    expect(report).toMatchObject({ ok: true, credentials: { checked: 1, valid: 1 } })
  })

  it('rotation: a wrong passphrase changes nothing; an interrupted rotation is finished on open', async () => {
    const core = await station()
    const dir = core.station.paths.dataDir
    await expect(
      call(core, 'keys:rotate', { passphrase: 'wrong passphrase here' })
    ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    expect(core.station.catalog.keys).toHaveLength(1)
    const oldKey = path.join(dir, 'old-key.json')
    copyFileSync(path.join(dir, 'key.json'), oldKey)
    const rotated = await call(core, 'keys:rotate', { passphrase: PASS })
    expect(rotated.keys).toBe(2)
    await core.close()
    cores.splice(cores.indexOf(core), 1)
    // Simulate a crash after station.json named the new key but before key.json was replaced.
    renameSync(path.join(dir, 'key.json'), path.join(dir, 'key.json.next'))
    renameSync(oldKey, path.join(dir, 'key.json'))
    const reopened = await createCore({ dataDir: dir, host: 'cli' })
    cores.push(reopened)
    const status = await call(reopened, 'station:unlock', { passphrase: PASS })
    expect(status.key?.publicKeyMultibase).toBe(rotated.key.publicKeyMultibase)
    const keys = await call(reopened, 'keys:list', {})
    expect(keys.keys.map((k) => [k.current, k.credentials])).toEqual([
      [false, 1],
      [true, 0]
    ])
  })
})
