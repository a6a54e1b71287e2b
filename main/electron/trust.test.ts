import { describe, expect, it } from 'vitest'
import { APP_URL, isAllowedRequestUrl, isAppUrl, isTrustedSender } from './trust.js'

describe('isAppUrl', () => {
  it('accepts the app origin only', () => {
    expect(isAppUrl(APP_URL)).toBe(true)
    expect(isAppUrl('app://kiln/badges/1?x=1#top')).toBe(true)
    for (const url of [
      'app://kiln.evil/index.html',
      'app://evil/index.html',
      'app://user@kiln/index.html',
      'https://kiln/index.html',
      'file:///index.html',
      'http://127.0.0.1:3000/',
      'javascript:alert(1)',
      '',
      undefined,
      42
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false)
    }
  })

  it('lets the window load only its own origin and in-page data', () => {
    expect(isAllowedRequestUrl('app://kiln/assets/index.js')).toBe(true)
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true)
    expect(isAllowedRequestUrl('https://example.org/x.js')).toBe(false)
    expect(isAllowedRequestUrl('ws://127.0.0.1:1/')).toBe(false)
  })
})

describe('isTrustedSender', () => {
  const good = { isOurWindow: true, isMainFrame: true, frameUrl: 'app://kiln/index.html' }
  it('trusts our window main frame showing the app', () => {
    expect(isTrustedSender(good)).toBe(true)
  })
  it('refuses another window, an iframe, a foreign page or a vanished frame', () => {
    expect(isTrustedSender({ ...good, isOurWindow: false })).toBe(false)
    expect(isTrustedSender({ ...good, isMainFrame: false })).toBe(false)
    expect(isTrustedSender({ ...good, frameUrl: 'https://evil.example/' })).toBe(false)
    expect(isTrustedSender({ ...good, frameUrl: undefined })).toBe(false)
  })
})
