import { describe, expect, it } from 'vitest'
import { escapeHtml, jsonForScript, query, safeUrl } from './escape.js'
import { linkedInAddToProfileUrl } from './linkedin.js'
import { credentialPage, issuerPage, type SiteMeta } from './templates.js'

const HOSTILE = `</script><img src=x onerror=alert(1)>"'&\``
const META: SiteMeta = {
  siteUrl: 'https://badges.example.org/',
  issuerId: 'did:web:badges.example.org',
  issuerName: `Org ${HOSTILE}`,
  issuerUrl: 'javascript:alert(1)',
  didPath: '.well-known/did.json',
  language: 'en'
}

describe('site escaping', () => {
  it('escapes text and attributes, and JSON for <script type="application/json">', () => {
    expect(escapeHtml(HOSTILE)).toBe(
      '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;&#96;'
    )
    const json = jsonForScript({ name: HOSTILE, line: '\u2028' })
    expect(json).not.toMatch(/[<>&\u2028]/)
    expect(JSON.parse(json)).toEqual({ name: HOSTILE, line: '\u2028' })
  })

  it('only lets http(s) URLs into links and percent-encodes query values', () => {
    expect(safeUrl('javascript:alert(1)')).toBe('#')
    expect(safeUrl('https://example.org/a b')).toBe('https://example.org/a%20b')
    expect(
      query([
        ['a', 'x&y=z'],
        ['b', undefined],
        ['c', 3]
      ])
    ).toBe('a=x%26y%3Dz&c=3')
  })

  it('builds the LinkedIn add-to-profile URL with the §8 parameters', () => {
    const url = new URL(
      linkedInAddToProfileUrl({
        badgeName: 'Speaker & <Friends>',
        organizationName: 'Org #1',
        issuedAt: '2026-03-05T10:00:00Z',
        expiresAt: '2028-11-30T00:00:00Z',
        certUrl: 'https://badges.example.org/credentials/abc/',
        certId: 'abc'
      })
    )
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Speaker & <Friends>',
      organizationName: 'Org #1',
      issueYear: '2026',
      issueMonth: '3',
      expirationYear: '2028',
      expirationMonth: '11',
      certUrl: 'https://badges.example.org/credentials/abc/',
      certId: 'abc'
    })
    const noExpiry = new URL(
      linkedInAddToProfileUrl({
        badgeName: 'B',
        organizationName: 'O',
        organizationId: '42',
        issuedAt: '2026-01-01T00:00:00Z',
        certUrl: 'https://x.org/',
        certId: 'i'
      })
    )
    expect(noExpiry.searchParams.has('expirationYear')).toBe(false)
    expect(noExpiry.searchParams.get('organizationId')).toBe('42')
    expect(noExpiry.searchParams.has('organizationName')).toBe(false)
  })

  it('renders hostile names and badge texts inert, with no inline script, and noindex unless public', () => {
    const input = {
      awardId: 'a1',
      recipientName: HOSTILE,
      badgeName: HOSTILE,
      badgeId: 'b1',
      issuedAt: '2026-01-02T03:04:05Z',
      status: 'active' as const,
      public: false,
      badgeImage: '../../achievements/b1-v1.png',
      badgeImageUrl: 'https://badges.example.org/achievements/b1-v1.png',
      hasPdf: false,
      linkedInUrl: 'https://www.linkedin.com/profile/add?name=%3C',
      pageUrl: 'https://badges.example.org/credentials/a1/'
    }
    const page = credentialPage(META, input)
    expect(page).not.toContain('<img src=x')
    expect(page).not.toContain('"\'&')
    expect(page).not.toMatch(/(href|src)="javascript:/)
    expect(page).toContain('<meta name="robots" content="noindex">')
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script src="../../assets/site.js" defer>'])
    // No event handler attribute (attribute values are quoted and escaped, so strip them first).
    expect(page.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i)
    expect(credentialPage(META, { ...input, public: true })).not.toContain('noindex')
    const index = issuerPage(META, [{ id: 'b1', name: HOSTILE, description: HOSTILE }])
    expect(index).not.toContain('<img src=x')
    expect(index).not.toMatch(/<script/)
  })

  it('is deterministic: the same input renders the same bytes', () => {
    const a = issuerPage(META, [{ id: 'b', name: 'n', description: 'd' }])
    expect(issuerPage(META, [{ id: 'b', name: 'n', description: 'd' }])).toBe(a)
  })
})
