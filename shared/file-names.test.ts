import { describe, expect, it } from 'vitest'
import { awardFileName, fileNamePart } from './file-names.js'

describe('download names', () => {
  it('names a file after the person and the badge, in any script', () => {
    expect(awardFileName('Ana Müller', 'Speaker NOSS 2026', 'pdf')).toBe(
      'Ana Müller - Speaker NOSS 2026.pdf'
    )
    expect(awardFileName('Олена Петренко', 'Спикер', 'png')).toBe('Олена Петренко - Спикер.png')
  })

  it('drops what a file system refuses and never returns an empty name', () => {
    expect(fileNamePart('a/b\\c:d*e?"f"<g>|h\u0007')).toBe('a b c d e f g h')
    expect(awardFileName(' ', '', 'json')).toBe('credential.json')
  })
})
