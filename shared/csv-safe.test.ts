import { describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { neutraliseCell, toSafeCsv } from './csv-safe.js'

describe('toSafeCsv', () => {
  it('neutralises every formula-like start with a single quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`)
    }
    expect(neutraliseCell('Teamwork')).toBe('Teamwork')
    expect(neutraliseCell(" ='x'")).toBe(" ='x'")
    expect(neutraliseCell('')).toBe('')
  })

  it('quotes cells with commas, quotes and line breaks, and ends lines with CRLF', () => {
    const csv = toSafeCsv([
      ['Badge', 'Awards'],
      ['=HYPERLINK("x")', 3],
      ['Kiln, glazes', 0],
      ['line\nbreak', -2]
    ])
    expect(csv).toBe(
      ['Badge,Awards', `"'=HYPERLINK(""x"")",3`, '"Kiln, glazes",0', '"line\nbreak",-2'].join(
        '\r\n'
      ) + '\r\n'
    )
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data
    expect(parsed).toEqual([
      ['Badge', 'Awards'],
      ['\'=HYPERLINK("x")', '3'],
      ['Kiln, glazes', '0'],
      ['line\nbreak', '-2']
    ])
  })

  it('writes numbers as numbers (a negative count is not neutralised) and empties for null', () => {
    expect(toSafeCsv([[-1, null, undefined, true, Number.NaN, '-1']])).toBe("-1,,,true,,'-1\r\n")
  })

  it('neutralises a carriage-return start inside a quoted cell too', () => {
    expect(toSafeCsv([['\r=1+1']])).toBe('"\'\r=1+1"\r\n')
    expect(toSafeCsv([])).toBe('')
  })
})
