import { describe, expect, it } from 'vitest'
import { err } from '../../../shared/result.js'
import {
  fieldErrorsFrom,
  toInitInput,
  validateSetup,
  type SetupValues
} from './setup-validation.js'

const good: SetupValues = {
  issuerName: 'Example Association',
  issuerUrl: 'https://example.org/',
  siteUrl: 'https://badges.example.org/',
  issuerEmail: '',
  did: 'web',
  passphrase: 'correct horse battery',
  passphraseConfirm: 'correct horse battery'
}

describe('setup validation', () => {
  it('accepts a complete form and sends no empty e-mail', () => {
    expect(validateSetup(good)).toEqual({})
    expect(toInitInput(good)).not.toHaveProperty('issuerEmail')
  })

  it('puts a sentence next to each field that needs attention', () => {
    const errors = validateSetup({
      ...good,
      issuerName: ' ',
      siteUrl: 'badges dot example',
      passphrase: 'short',
      passphraseConfirm: 'other'
    })
    expect(Object.keys(errors).sort()).toEqual([
      'issuerName',
      'passphrase',
      'passphraseConfirm',
      'siteUrl'
    ])
    expect(errors.siteUrl).toMatch(/https:\/\//)
  })

  it('maps a failed station:init onto the form fields', () => {
    const failure = err('INVALID_INPUT', 'siteUrl: bad', {
      field: 'siteUrl',
      issues: [{ path: 'issuerUrl', message: 'must be https' }]
    }).error
    expect(fieldErrorsFrom(failure)).toEqual({
      issuerUrl: 'This must be https.',
      siteUrl: 'siteUrl: bad'
    })
  })
})
