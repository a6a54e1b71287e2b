import { describe, expect, it } from 'vitest'
import { credentialPageUrl, formatCount, plural } from './format.js'

describe('format', () => {
  it('says counts and plurals the way the screens do', () => {
    expect(formatCount(10000)).toBe('10,000')
    expect(plural(1, 'person', 'people')).toBe('1 person')
    expect(plural(2500, 'person', 'people')).toBe('2,500 people')
  })

  it('builds the public credential page under the site, with or without a trailing slash', () => {
    expect(credentialPageUrl('https://b.example.org', 'a b')).toBe(
      'https://b.example.org/credentials/a%20b/'
    )
    expect(credentialPageUrl('https://b.example.org/', 'x')).toBe(
      'https://b.example.org/credentials/x/'
    )
  })
})
