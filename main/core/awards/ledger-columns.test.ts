import { describe, expect, it } from 'vitest'
import { decodeLedgerColumns, encodeLedgerColumns, type LedgerColumns } from './ledger-columns.js'

function columns(names: string[]): LedgerColumns {
  const n = names.length
  const rows = names.map((_, i) => i)
  return {
    badges: ['b1', 'b2'],
    stations: ['st1'],
    ids: rows.map((i) => `aw${i}`),
    names,
    emails: rows.map((i) => `p${i}@example.org`),
    badge: rows.map((i) => i % 2),
    badgeVersion: rows.map(() => 1),
    station: rows.map(() => 0),
    awarded: rows.map(() => '2026-12-02'),
    statusIndex: rows.map((i) => i * 7),
    statusList: rows.map(() => 1),
    slots: [],
    seq: rows.map((i) => i + 3),
    start: rows.map((i) => 5_000_000_000 + i * 900),
    length: rows.map(() => 899),
    validUntil: n > 1 ? [[1, '2027-01-01T00:00:00Z']] : [],
    replaces: [],
    replacedBy: [],
    revoked: n > 0 ? [[0, '2026-12-02T10:00:00Z', 'mistake', 'ops']] : []
  }
}

describe('the ledger checkpoint in binary columns', () => {
  it('gives back exactly the columns it was given, accents and emoji included', () => {
    const c = columns(['Ana Pérez', '', 'Émile Zola', '李小龍', 'Zoë 🎓 Ng'])
    const bytes = encodeLedgerColumns(c)
    expect(bytes?.toString('latin1', 0, 4)).toBe('KLC2')
    expect(bytes && decodeLedgerColumns(bytes)).toEqual(c)
    const empty = encodeLedgerColumns(columns([]))
    expect(empty && decodeLedgerColumns(empty)).toEqual(columns([]))
  })

  it('refuses bytes that do not fit: cut short, starts out of order, a row out of range', () => {
    const c = columns(['Ana', 'Bo', 'Cy'])
    const bytes = encodeLedgerColumns(c)
    if (!bytes) throw new Error('not encoded')
    expect(decodeLedgerColumns(bytes.subarray(0, bytes.length - 1))).toBeUndefined()
    expect(decodeLedgerColumns(Buffer.concat([bytes, Buffer.alloc(8)]))).toBeUndefined()
    // The names' text changed to a different length: its starts no longer end at its end.
    const names = bytes.indexOf('AnaBoCy')
    const longer = Buffer.concat([
      bytes.subarray(0, names),
      Buffer.from('AnaBoCyy'),
      bytes.subarray(names + 7)
    ])
    expect(decodeLedgerColumns(longer)).toBeUndefined()
    // A badge number past the badge table.
    expect(decodeLedgerColumns(encodeLedgerColumns({ ...c, badge: [0, 1, 2] }) ?? bytes)).toBe(
      undefined
    )
    // A sparse row past the last award.
    expect(
      decodeLedgerColumns(encodeLedgerColumns({ ...c, replaces: [[3, 'aw9']] }) ?? bytes)
    ).toBeUndefined()
    // An empty award id.
    expect(
      decodeLedgerColumns(encodeLedgerColumns({ ...c, ids: ['aw0', '', 'aw2'] }) ?? bytes)
    ).toBeUndefined()
    expect(decodeLedgerColumns(Buffer.from('{"v":1}'))).toBeUndefined()
  })

  it('declines a value UTF-8 cannot keep (a lone surrogate): the ledger writes JSON then', () => {
    expect(encodeLedgerColumns(columns(['Ana', 'B\uD800o']))).toBeUndefined()
    expect(encodeLedgerColumns(columns(['Ana', 'B\uD83C\uDF93o']))).toBeDefined()
  })
})
