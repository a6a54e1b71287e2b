// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { applyPreviewStyles, previewDocument } from './mail-preview-frame.js'

const MAIL =
  '<!doctype html><html><body><table><tr><td style="padding:24px 0 8px 0">' +
  '<p style="margin:0;font-family:&#39;Segoe UI&#39;,sans-serif;color:#1f2328">Hello ' +
  '<a href="https://example.org/?q=&quot;style=&quot;" style="color:#0b5cad">Ada style=&quot;x&quot;</a></p>' +
  '</td></tr></table></body></html>'

describe('the message preview frame', () => {
  it('carries no style attribute (the CSP refuses them); the CSSOM gives each element its style', () => {
    const html = previewDocument(MAIL)
    expect(html).not.toMatch(/\sstyle="/)
    const doc = document.implementation.createHTMLDocument('')
    doc.documentElement.innerHTML = html.replace('<!doctype html>', '')
    applyPreviewStyles(doc)
    expect(doc.querySelector('td')?.style.paddingTop).toBe('24px')
    expect(doc.querySelector('p')?.style.fontFamily).toContain('Segoe UI')
    const link = doc.querySelector('a')
    expect(link?.style.color).toBe('#0b5cad')
    // An escaped quote in a value or in text is not an attribute and stays as it was.
    expect(link?.getAttribute('href')).toBe('https://example.org/?q="style="')
    expect(link?.textContent).toBe('Ada style="x"')
    expect(doc.querySelector('[data-kiln-style]')).toBeNull()
  })
})
