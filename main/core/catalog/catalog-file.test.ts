import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { createCore } from '../create-core.js'
import { locateJsonError } from '../storage/json-error.js'
import { parseCatalogJson } from './catalog-file.js'
import { validateCatalog } from './catalog-store.js'
import { legacyStationCopy } from './test-support/legacy.js'
import { snapshotFiles } from './test-support/files.js'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

function failureOf(run: () => unknown): KilnFailure {
  try {
    run()
  } catch (e) {
    if (e instanceof KilnFailure) return e
    throw e
  }
  throw new Error('expected a KilnFailure')
}

const FILE = '/data/station.json'

describe('reading station.json', () => {
  it('reads a file with a byte-order mark', () => {
    expect(parseCatalogJson(FILE, Buffer.from('\ufeff{"name":"bom"}'))).toEqual({ name: 'bom' })
  })

  it('reports broken JSON with line and position, and an empty file as empty', () => {
    const broken = '{\n  "name": "Desk",\n  "badges": [ x ]\n}\n'
    const failure = failureOf(() => parseCatalogJson(FILE, Buffer.from(broken)))
    expect(failure.code).toBe('STORAGE_CORRUPT')
    expect(failure.message).toBe(
      'station.json is not valid JSON (line 3, column 15, position 34: unexpected "x"); Kiln did not change it.'
    )
    expect(failureOf(() => parseCatalogJson(FILE, Buffer.from(''))).message).toContain(
      'the file is empty'
    )
  })

  it('names the field that does not match the schema', () => {
    const failure = failureOf(() =>
      validateCatalog(FILE, { format: 'kiln-station/1', schemaVersion: 2, stationId: 'st1' })
    )
    expect(failure.code).toBe('STORAGE_CORRUPT')
    expect(failure.message).toMatch(/^station\.json is damaged at createdAt: /)
    expect(failureOf(() => validateCatalog(FILE, { format: 'other' })).message).toMatch(
      /is not a Kiln station file/
    )
    const newer = failureOf(() =>
      validateCatalog(FILE, { format: 'kiln-station/1', schemaVersion: 99 })
    )
    expect(newer.message).toMatch(/written by a newer Kiln \(catalog version 99/)
  })

  it('checks shapes, not input rules: a design line saved before hidden characters were refused still opens', () => {
    const dir = legacyStationCopy()
    dirs.push(dir)
    const raw = JSON.parse(fs.readFileSync(path.join(dir, 'station.json'), 'utf8')) as {
      badges: Array<{ content: { design: { lines: string[] } } }>
    }
    const badge = raw.badges[0]
    if (!badge) throw new Error('the fixture has no badge')
    badge.content.design.lines = ['Legacy \u202eAttendance']
    const { catalog } = validateCatalog(FILE, raw)
    expect(catalog.badges[0]?.content.design?.lines).toEqual(['Legacy \u202eAttendance'])
  })

  it('locates JSON errors that V8 reports without a position', () => {
    expect(locateJsonError('{"a": }')).toMatchObject({ line: 1, column: 7, position: 6 })
    expect(locateJsonError('{"a":1,\n "b": tru}')).toMatchObject({ line: 2, position: 14 })
    expect(locateJsonError('{"a":')?.reason).toMatch(/ends/)
    expect(locateJsonError('{"a":[1,-2.5e3,true,null,"\\u00e9\\n"]}')).toBeUndefined()
  })

  it('a station from before catalog hashes with broken JSON is refused and never overwritten', async () => {
    const dir = legacyStationCopy()
    dirs.push(dir)
    const file = path.join(dir, 'station.json')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"stationId"', 'stationId'))
    const before = snapshotFiles(dir)
    await expect(createCore({ dataDir: dir, host: 'cli' })).rejects.toMatchObject({
      code: 'STORAGE_CORRUPT',
      message: expect.stringMatching(/^station\.json is not valid JSON \(line 3/)
    })
    expect(snapshotFiles(dir)).toEqual(before)
  })
})
