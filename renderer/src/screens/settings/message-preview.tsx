/**
 * The HTML part of a message as a mail client shows it, under the app's strict CSP. Mail HTML is
 * styled inline, and the page may apply no inline style attribute or <style> (style-src 'self');
 * a frame of its own would inherit that policy (blob:, srcdoc and data: documents do), and even
 * parsing style="" with DOMParser counts as applying it. So the core sends the preview with its
 * styles in data-style attributes; the message is parsed inertly (DOMParser: nothing runs,
 * nothing loads), only the elements and attributes a Kiln message is made of are kept, and each
 * element's style is applied through the CSSOM, which CSP does not restrict. It lives in a shadow root, so
 * neither the app's styles nor the message's reach the other, and its links do not navigate the
 * app (they show where they lead; the message itself is what the recipient clicks).
 */
import { useEffect, useRef, type ReactElement } from 'react'

const ELEMENTS = new Set([
  'a',
  'b',
  'br',
  'div',
  'em',
  'i',
  'img',
  'li',
  'ol',
  'p',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul'
])

const ATTRIBUTES = new Set([
  'align',
  'alt',
  'border',
  'cellpadding',
  'cellspacing',
  'height',
  'href',
  'role',
  'src',
  'title',
  'width'
])

function allowedValue(name: string, value: string): boolean {
  if (name === 'href') return /^(https?:|mailto:)/i.test(value)
  // The preview's badge image is inline (a data: URL); nothing is fetched from elsewhere.
  if (name === 'src') return /^data:image\/(png|svg\+xml|jpeg);/i.test(value)
  return true
}

/** A copy of `node` made of allowed parts only, its styles set through the CSSOM. */
function copyOf(node: Node, into: Document): Node | null {
  if (node.nodeType === Node.TEXT_NODE) return into.createTextNode(node.textContent ?? '')
  if (!(node instanceof Element)) return null
  const tag = node.tagName.toLowerCase()
  if (!ELEMENTS.has(tag)) return null
  const out = into.createElement(tag)
  for (const attr of Array.from(node.attributes)) {
    if (ATTRIBUTES.has(attr.name) && allowedValue(attr.name, attr.value)) {
      out.setAttribute(attr.name, attr.value)
    }
  }
  const style = node.getAttribute('data-style')
  if (style && out instanceof HTMLElement) out.style.cssText = style
  for (const child of Array.from(node.childNodes)) {
    const copy = copyOf(child, into)
    if (copy) out.append(copy)
  }
  return out
}

export function MessagePreview({ html }: Readonly<{ html: string }>): ReactElement {
  const host = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = host.current
    if (!element) return
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    const parsed = new DOMParser().parseFromString(html, 'text/html')
    const page = document.createElement('div')
    const bodyStyle = parsed.body.getAttribute('data-style')
    if (bodyStyle) page.style.cssText = bodyStyle
    for (const child of Array.from(parsed.body.childNodes)) {
      const copy = copyOf(child, document)
      if (copy) page.append(copy)
    }
    root.replaceChildren(page)
  }, [html])

  return (
    <div
      ref={host}
      className="mail-preview"
      role="region"
      aria-label="Message preview"
      // Scrollable, so reachable by keyboard.
      tabIndex={0}
      onClick={(event) => {
        // A link in the preview shows where it leads but does not leave the app.
        event.preventDefault()
      }}
    />
  )
}
