import { describe, expect, it } from 'vitest'
import {
  awardFileName,
  exportFileName,
  fileDate,
  fileNamePart,
  uniqueFileName
} from './file-names.js'

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
    expect(fileNamePart('.NET Conf.')).toBe('NET Conf')
    expect(exportFileName(['', '..'], 'csv', 'Awards by badge')).toBe('Awards by badge.csv')
  })

  it('joins parts, numbers repeats and dates files', () => {
    expect(exportFileName(['Speaker NOSS 2026', 'certificates'], 'zip')).toBe(
      'Speaker NOSS 2026 - certificates.zip'
    )
    const used = new Set<string>()
    expect(uniqueFileName('Ana Lee - Speaker.pdf', used)).toBe('Ana Lee - Speaker.pdf')
    expect(uniqueFileName('Ana Lee - Speaker.pdf', used)).toBe('Ana Lee - Speaker (2).pdf')
    expect(uniqueFileName('ana lee - speaker.pdf', used)).toBe('ana lee - speaker (3).pdf')
    expect(fileDate(new Date(2026, 4, 2, 23, 30))).toBe('2026-05-02')
  })
})
