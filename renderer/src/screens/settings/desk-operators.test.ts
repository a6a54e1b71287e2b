import { describe, expect, it } from 'vitest'
import { readOperators } from './desk-operators.js'

describe('the desk’s operator list', () => {
  it('takes one trimmed name per line and skips blank lines', () => {
    expect(readOperators(' Ada Volunteer \r\n\nBo Helper\n')).toEqual({
      ok: true,
      operators: ['Ada Volunteer', 'Bo Helper']
    })
  })

  it('says what is wrong with the list', () => {
    expect(readOperators('\n  \n')).toMatchObject({ ok: false, problem: /at least one/ })
    const many = Array.from({ length: 51 }, (_, i) => `Volunteer ${i}`).join('\n')
    expect(readOperators(many)).toMatchObject({ ok: false, problem: /at most 50.*51/ })
    expect(readOperators(`Ada\n${'x'.repeat(101)}`)).toMatchObject({
      ok: false,
      problem: /longer than 100/
    })
    expect(readOperators('Ada\nBo\nada')).toEqual({ ok: false, problem: '“ada” is listed twice.' })
  })
})
