import { describe, expect, it } from 'vitest'
import { NumberColumn, StringColumn } from './ledger-store.js'

/** A column read back from the bytes it wrote (as a checkpoint section would be). */
function reloaded(values: string[], later: string[] = []): StringColumn {
  const bytes = StringColumn.of(values).bytes()
  if (!bytes) throw new Error('not written')
  const column = new StringColumn(values.length)
  expect(column.load(bytes)).toBe(true)
  for (const v of later) column.push(v)
  return column
}

describe('ledger columns read in place', () => {
  it('give back every value, one at a time or all at once, accents and emoji included', () => {
    const values = ['Ana Pérez', '', 'Émile Zola', '李小龍', 'Zoë 🎓 Ng', 'bo']
    const column = reloaded(values, ['later', 'Ünïcode'])
    const all = [...values, 'later', 'Ünïcode']
    expect(all.map((_, row) => column.at(row))).toEqual(all)
    expect(column.all()).toEqual(all)
    // Written again: the same bytes as a column built in memory.
    expect(column.bytes()).toEqual(StringColumn.of(all).bytes())
    const ascii = reloaded(['a', 'bc', 'def'])
    expect(ascii.all()).toEqual(['a', 'bc', 'def'])
  })

  it('find a value only where a whole value matches, the last row first', () => {
    const column = reloaded(['ab', 'abc', 'bc', 'ab', 'c'], ['abcd'])
    expect(column.lastIndexOf('ab')).toBe(3)
    expect(column.lastIndexOf('bc')).toBe(2)
    expect(column.lastIndexOf('c')).toBe(4)
    expect(column.lastIndexOf('abcd')).toBe(5)
    expect(column.lastIndexOf('b')).toBe(-1)
    expect(column.lastIndexOf('abcab')).toBe(-1)
  })

  it('refuse bytes that do not fit, and a column read before it was loaded', () => {
    const bytes = StringColumn.of(['a', 'b']).bytes()
    if (!bytes) throw new Error('not written')
    expect(new StringColumn(3).load(bytes)).toBe(false)
    expect(new StringColumn(2).load(bytes.subarray(0, bytes.length - 1))).toBe(false)
    expect(new StringColumn(2).load(StringColumn.of(['a', '']).bytes() ?? bytes, true)).toBe(false)
    expect(() => new StringColumn(2).at(0)).toThrow(/before it was loaded/)
    expect(StringColumn.of(['B\uD800o']).bytes()).toBeUndefined()

    const numbers = NumberColumn.of('u32', [1, 2, 3]).bytes()
    const column = new NumberColumn('u32', 3)
    expect(() => column.at(0)).toThrow(/before it was loaded/)
    expect(column.load(numbers, (v) => v < 3)).toBe(false)
    expect(column.load(numbers, (v) => v > 0)).toBe(true)
    column.push(4)
    expect([0, 1, 2, 3].map((row) => column.at(row))).toEqual([1, 2, 3, 4])
    expect(column.bytes()).toEqual(NumberColumn.of('u32', [1, 2, 3, 4]).bytes())
    const offsets = NumberColumn.of('f64', [5_000_000_000, 0]).bytes()
    const f64 = new NumberColumn('f64', 2)
    expect(f64.load(offsets)).toBe(true)
    expect(f64.at(0)).toBe(5_000_000_000)
  })
})
