/**
 * The people file (people-file.ts): what an export writes the next one reads back in place, the
 * pages added after it, the format an earlier Kiln wrote, and bytes that do not fit.
 */
import { describe, expect, it } from 'vitest'
import { PeoplePages } from './people-file.js'

const ids = (n: number, from = 0): string[] =>
  Array.from({ length: n }, (_, i) => `r-${String(from + i).padStart(6, '0')}-Zoë`)

describe('the people file', () => {
  it('reads back the pages and each row’s page, finds a recipient’s page, and knows who has none', () => {
    const people = ids(2_000)
    const planOfRow = Int32Array.from({ length: 5_000 }, (_, row) =>
      row % 7 === 0 ? -1 : row % 2_000
    )
    const read = PeoplePages.read(PeoplePages.fromList(people).fileBytes(planOfRow))
    expect(read).toBeDefined()
    if (!read) return
    expect(read.people.size).toBe(2_000)
    expect([...read.planOfRow]).toEqual([...planOfRow])
    for (const page of [0, 1, 999, 1_999]) {
      expect(read.people.idAt(page)).toBe(people[page])
      expect(read.people.pageOf(people[page] ?? '')).toBe(page)
    }
    expect(read.people.pageOf('r-000001-Zoe')).toBe(-1)
    expect(read.people.pageOf('')).toBe(-1)
    expect(read.people.idAt(2_000)).toBeUndefined()
    expect(read.people.idAt(-1)).toBeUndefined()
  })

  it('adds new people after the recorded ones, found by their page like the others', () => {
    const first = PeoplePages.read(PeoplePages.fromList(ids(500)).fileBytes(new Int32Array(0)))
    expect(first).toBeDefined()
    if (!first) return
    const added = first.people.withAdded(ids(300, 500))
    expect(added.size).toBe(800)
    expect(first.people.size).toBe(500)
    const again = PeoplePages.read(added.fileBytes(new Int32Array(0)))?.people
    for (const pages of [added, again]) {
      expect(pages?.pageOf('r-000000-Zoë')).toBe(0)
      expect(pages?.pageOf('r-000499-Zoë')).toBe(499)
      expect(pages?.pageOf('r-000500-Zoë')).toBe(500)
      expect(pages?.pageOf('r-000799-Zoë')).toBe(799)
      expect(pages?.idAt(650)).toBe('r-000650-Zoë')
    }
    // The same people, written at once, make the same file.
    expect(
      added
        .fileBytes(Int32Array.of(3))
        .equals(PeoplePages.fromList(ids(800)).fileBytes(Int32Array.of(3)))
    ).toBe(true)
  })

  it('reads the format an earlier Kiln wrote (length, JSON, rows)', () => {
    const header = Buffer.from(
      JSON.stringify({ format: 'kiln-bundle-people/1', people: ['r-a', 'r-b'] }),
      'utf8'
    )
    const rows = Buffer.alloc(12)
    rows.writeInt32LE(1, 0)
    rows.writeInt32LE(-1, 4)
    rows.writeInt32LE(0, 8)
    const length = Buffer.alloc(4)
    length.writeUInt32BE(header.length, 0)
    const read = PeoplePages.read(Buffer.concat([length, header, rows]))
    expect(read?.people.size).toBe(2)
    expect(read?.people.pageOf('r-b')).toBe(1)
    expect([...(read?.planOfRow ?? [])]).toEqual([1, -1, 0])
  })

  it('refuses bytes that do not fit: cut short, a row past the last page, hashes out of order', () => {
    const good = PeoplePages.fromList(ids(50)).fileBytes(Int32Array.of(0, 49, -1))
    expect(PeoplePages.read(good)).toBeDefined()
    expect(PeoplePages.read(good.subarray(0, good.length - 4))).toBeUndefined()
    const rowPastLast = Buffer.from(good)
    rowPastLast.writeInt32LE(50, rowPastLast.length - 4)
    expect(PeoplePages.read(rowPastLast)).toBeUndefined()
    // The hashes blob follows the ids: swap its first two words.
    const swapped = Buffer.from(good)
    const idBytes = ids(50).reduce((n, id) => n + Buffer.byteLength(id), 0)
    const headerEnd = 8 + swapped.readUInt32LE(4)
    const pad8 = (n: number): number => (n + 7) & ~7
    const hashesAt = pad8(pad8(pad8(headerEnd) + 4 * 50) + idBytes)
    const a = swapped.readUInt32LE(hashesAt)
    const b = swapped.readUInt32LE(hashesAt + 4)
    expect(a).toBeLessThan(b)
    swapped.writeUInt32LE(b, hashesAt)
    swapped.writeUInt32LE(a, hashesAt + 4)
    expect(PeoplePages.read(swapped)).toBeUndefined()
    expect(PeoplePages.read(Buffer.from('not a people file'))).toBeUndefined()
  })
})
