import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { detectMapping, mapRows, parseCsv } from './index.js'

const fixture = (name: string): Uint8Array => fs.readFileSync(vendorFile('fixtures', name))

function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const le = Buffer.from(text, 'utf16le')
  const body = order === 'le' ? le : Buffer.from(le).swap16()
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body
}

function cp1252(text: string): Uint8Array {
  // Latin-1 covers every character used here (é, ü, ç) with the same byte as Windows-1252.
  return Buffer.from(text, 'latin1')
}

describe('parseCsv: encodings and delimiters', () => {
  const text = 'Name,E-mail\r\nRené Dupré,rene@example.org\r\nJürgen Çelik,jurgen@example.org\r\n'

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'utf-8'],
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'utf-8-bom'
    ],
    ['UTF-16 LE with BOM', utf16(text, 'le'), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16(text, 'be'), 'utf-16be'],
    ['UTF-16 LE without BOM', utf16(text, 'le', false), 'utf-16le'],
    ['Windows-1252', cp1252(text), 'windows-1252']
  ])('%s decodes accents exactly', (_label, bytes, encoding) => {
    const csv = parseCsv(bytes)
    expect(csv.encoding).toBe(encoding)
    expect(csv.headers).toEqual(['Name', 'E-mail'])
    expect(csv.rows).toEqual([
      ['René Dupré', 'rene@example.org'],
      ['Jürgen Çelik', 'jurgen@example.org']
    ])
  })

  it('detects semicolons and tabs, and keeps quoted delimiters, quotes and line breaks', () => {
    const semi = parseCsv(Buffer.from('name;email\n"Smith, Jo";jo@example.org\n'))
    expect(semi.delimiter).toBe(';')
    expect(semi.rows[0]).toEqual(['Smith, Jo', 'jo@example.org'])
    const tab = parseCsv(Buffer.from('name\temail\tnote\nAna\tana@example.org\t"a, b; c"\n'))
    expect(tab.delimiter).toBe('\t')
    expect(tab.rows[0]).toEqual(['Ana', 'ana@example.org', 'a, b; c'])
    const quoted = parseCsv(
      Buffer.from(
        'name,email,note\n"Jo ""JJ"" Smith",jo@example.org,"line one\nline two"\nBo,bo@example.org,x\n'
      )
    )
    expect(quoted.rows[0]).toEqual(['Jo "JJ" Smith', 'jo@example.org', 'line one\nline two'])
    // A record with a line break is one spreadsheet row: Bo is row 3.
    expect(quoted.rowNumbers).toEqual([2, 3])
  })

  it('skips blank lines but keeps row numbers of the spreadsheet', () => {
    const csv = parseCsv(Buffer.from('name,email\n\nAna,ana@example.org\n,\nBo,bo@example.org\n\n'))
    expect(csv.rows.map((r) => r[0])).toEqual(['Ana', 'Bo'])
    expect(csv.rowNumbers).toEqual([3, 5])
  })

  it('reports an unclosed quote', () => {
    const csv = parseCsv(Buffer.from('name,email\n"Ana,ana@example.org\n'))
    expect(csv.problems.length).toBeGreaterThan(0)
    expect(csv.problems[0]?.field).toBe('file')
  })
})

describe('column detection and mapping', () => {
  it.each([
    [['name', 'email', 'member_id'], { name: 'name', email: 'email', memberId: 'member_id' }],
    [
      ['Full Name', 'E-mail Address', 'Member #'],
      { name: 'Full Name', email: 'E-mail Address', memberId: 'Member #' }
    ],
    [
      ['Nom complet', 'Courriel', "Numéro d'adhérent"],
      { name: 'Nom complet', email: 'Courriel', memberId: "Numéro d'adhérent" }
    ],
    [
      ['Prénom', 'Nom', 'Adresse e-mail'],
      { firstName: 'Prénom', lastName: 'Nom', email: 'Adresse e-mail' }
    ],
    [
      ['Vorname', 'Nachname', 'E-Mail', 'Mitgliedsnummer'],
      { firstName: 'Vorname', lastName: 'Nachname', email: 'E-Mail', memberId: 'Mitgliedsnummer' }
    ],
    [
      ['First name', 'Last name', 'Mail', 'Membership number'],
      {
        firstName: 'First name',
        lastName: 'Last name',
        email: 'Mail',
        memberId: 'Membership number'
      }
    ],
    [
      ['Nombre completo', 'Correo electrónico'],
      { name: 'Nombre completo', email: 'Correo electrónico' }
    ]
  ])('%j', (headers, expected) => {
    expect(detectMapping(headers)).toEqual(expected)
  })

  it('combines first and last names, validates rows, and takes an explicit mapping', () => {
    const csv = parseCsv(
      Buffer.from('Prénom;Nom;Courriel\nLéa;Martin;LEA@Example.org \nJo;;jo@example\n')
    )
    const { people, rejected } = mapRows(csv)
    expect(people).toEqual([{ row: 2, name: 'Léa Martin', email: 'lea@example.org' }])
    expect(rejected).toEqual([
      { row: 3, field: 'email', message: '"jo@example" is not an e-mail address' }
    ])

    const odd = parseCsv(Buffer.from('Who,Contact\nAna,ana@example.org\n'))
    expect(() => mapRows(odd)).toThrow(/could not tell which column holds the e-mail and name/)
    const mapped = mapRows(odd, { name: 'Who', email: 'Contact' })
    expect(mapped.people).toEqual([{ row: 2, name: 'Ana', email: 'ana@example.org' }])
    expect(() => mapRows(odd, { email: 'Nope' })).toThrow(/no column "Nope"/)
  })
})

describe('names and e-mails people cannot see the difference in', () => {
  it('rejects invisible control and bidi characters with the row and field', () => {
    const lines = ['name,email,member']
    for (let i = 2; i <= 6; i++) lines.push(`Person ${i},p${i}@example.org,M${i}`)
    lines.push('Ana \u202eSilva,ana@example.org,M7') // row 7: RIGHT-TO-LEFT OVERRIDE
    lines.push('Bo\u0000Lee,bo@example.org,M8') // row 8: NUL
    lines.push('Cy \u2066Li\u2069,cy@example.org,M9') // row 9: an isolate
    lines.push('Di,di@example.org,M\u202a10') // row 10: in the member id
    const { people, rejected } = mapRows(parseCsv(Buffer.from(lines.join('\n'), 'utf8')))
    expect(people.map((p) => p.row)).toEqual([2, 3, 4, 5, 6])
    expect(rejected.map((r) => [r.row, r.field])).toEqual([
      [7, 'name'],
      [8, 'name'],
      [9, 'name'],
      [10, 'memberId']
    ])
    expect(rejected[0]?.message).toMatch(
      /^the name contains an invisible control character \(U\+202E RIGHT-TO-LEFT OVERRIDE\)/
    )
    expect(rejected[1]?.message).toMatch(/\(U\+0000 NULL\)/)
  })

  it('reads the NFD and NFC forms of one address as the same address', () => {
    const csv = parseCsv(
      Buffer.from(
        'name,email\nJosé,JOSE\u0301@EXA\u0308MPLE.ORG\nJosé,jos\u00e9@ex\u00e4mple.org\n'
      )
    )
    const { people } = mapRows(csv)
    expect(people.map((p) => p.email)).toEqual([
      'jos\u00e9@ex\u00e4mple.org',
      'jos\u00e9@ex\u00e4mple.org'
    ])
  })
})

describe('the shared fixtures', () => {
  it('imports the good files fully', () => {
    for (const [file, count, delimiter] of [
      ['attendees-50.csv', 50, ','],
      ['attendees-excel-semicolon.csv', 30, ';'],
      ['attendees-10k.csv', 10_000, ',']
    ] as const) {
      const csv = parseCsv(fixture(file))
      expect(csv.delimiter).toBe(delimiter)
      const { people, rejected } = mapRows(csv)
      expect(rejected).toEqual([])
      expect(people).toHaveLength(count)
      expect(new Set(people.map((p) => p.email)).size).toBe(count)
    }
    const excel = mapRows(parseCsv(fixture('attendees-excel-semicolon.csv')))
    expect(excel.people[0]).toEqual({
      row: 2,
      name: 'Ben Çelik',
      email: 'ben.elik.0@example.org',
      memberId: 'M10000'
    })
  })

  it('reports the bad rows of attendees-with-errors.csv by row and field', () => {
    const { rejected } = mapRows(parseCsv(fixture('attendees-with-errors.csv')))
    expect(rejected.map((r) => [r.row, r.field])).toEqual([
      [4, 'email'],
      [6, 'name']
    ])
  })
})
