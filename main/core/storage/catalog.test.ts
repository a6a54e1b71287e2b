import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { DurableJsonFile, openCatalog } from './catalog.js'
import { locateJsonError } from './json-error.js'

type Catalog = { name: string; badges: { id: string }[] }
let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

async function failureOf(promise: Promise<unknown>): Promise<KilnFailure> {
  try {
    await promise
  } catch (e) {
    if (e instanceof KilnFailure) return e
    throw e
  }
  throw new Error('expected a KilnFailure')
}

describe('catalog (station.json through lowdb)', () => {
  it('starts from the defaults, writes, and reads back after reopening (on disk, not in memory)', async () => {
    const file = path.join(dir, 'station.json')
    const db = await openCatalog<Catalog>(file, { name: 'default', badges: [] })
    expect(db.data).toEqual({ name: 'default', badges: [] })
    expect(fs.existsSync(file)).toBe(false)
    db.data.name = 'Rotary Desk'
    db.data.badges.push({ id: 'b1' })
    await db.write()
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      name: 'Rotary Desk',
      badges: [{ id: 'b1' }]
    })
    expect(fs.readFileSync(file, 'utf8')).toContain('\n  "name"') // pretty, for people who read it
    const again = await openCatalog<Catalog>(file, { name: 'default', badges: [] })
    expect(again.data).toEqual({ name: 'Rotary Desk', badges: [{ id: 'b1' }] })
  })

  it('reads a hand-edited file with a byte-order mark', async () => {
    const file = path.join(dir, 'station.json')
    fs.writeFileSync(file, '\ufeff{"name":"bom","badges":[]}')
    expect((await openCatalog<Catalog>(file, { name: '', badges: [] })).data.name).toBe('bom')
  })

  it('reports a corrupt station.json with line and position, and never overwrites it', async () => {
    const file = path.join(dir, 'station.json')
    const broken = '{\n  "name": "Desk",\n  "badges": [ x ]\n}\n'
    fs.writeFileSync(file, broken)
    const before = fs.readFileSync(file)
    const failure = await failureOf(openCatalog<Catalog>(file, { name: '', badges: [] }))
    expect(failure.code).toBe('STORAGE_CORRUPT')
    expect(failure.message).toBe(
      'station.json is not valid JSON (line 3, column 15, position 34: unexpected "x"); Kiln did not change it'
    )
    // Even an adapter used directly refuses to write over it after the failed read.
    const adapter = new DurableJsonFile<Catalog>(file)
    await expect(adapter.read()).rejects.toThrow(KilnFailure)
    await expect(adapter.write({ name: 'overwrite', badges: [] })).rejects.toThrow(/not valid JSON/)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })

  it('calls an empty station.json corrupt, not missing', async () => {
    const file = path.join(dir, 'station.json')
    fs.writeFileSync(file, '')
    const failure = await failureOf(openCatalog<Catalog>(file, { name: '', badges: [] }))
    expect(failure.message).toContain('the file is empty')
    expect(fs.readFileSync(file, 'utf8')).toBe('')
  })

  it('locates JSON errors that V8 reports without a position', () => {
    expect(locateJsonError('{"a": }')).toMatchObject({ line: 1, column: 7, position: 6 })
    expect(locateJsonError('{"a":1,\n "b": tru}')).toMatchObject({ line: 2, position: 14 })
    expect(locateJsonError('{"a":')?.reason).toMatch(/ends/)
    expect(locateJsonError('{"a":[1,-2.5e3,true,null,"\\u00e9\\n"]}')).toBeUndefined()
  })
})
