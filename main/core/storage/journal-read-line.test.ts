import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Journal, type LineAt } from './journal.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('reading one confirmed line again by its place', () => {
  it('returns the entry, also before a long line, and refuses a line changed since', () => {
    const file = path.join(dir, 'journal.ndjson')
    const places: LineAt[] = []
    const journal = Journal.open(file, {
      stationId: 'st1',
      retain: false,
      onEntry: (_entry, _line, at) => places.push(at)
    })
    journal.append('test.small', { n: 1 })
    journal.append('test.long', { pad: 'x'.repeat(100_000) })
    journal.append('test.small', { n: 3 })
    const [first, second, third] = places
    if (!first || !second || !third) throw new Error('no places')
    expect(journal.readLine(1, first).data).toEqual({ n: 1 })
    expect(journal.readLine(2, second).type).toBe('test.long')
    expect(journal.readLine(3, third).data).toEqual({ n: 3 })

    const bytes = fs.readFileSync(file)
    bytes[first.start + bytes.subarray(first.start).indexOf('"n":1') + 4] = '7'.charCodeAt(0)
    fs.writeFileSync(file, bytes)
    expect(() => journal.readLine(1, first)).toThrow(/line 1: the line differs/)
    expect(() => journal.readLine(1, { start: first.start + 1, length: first.length })).toThrow(
      /line 1/
    )
    journal.close()
  })
})
