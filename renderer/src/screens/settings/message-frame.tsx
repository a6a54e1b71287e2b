/**
 * The HTML part of a message, shown as mail clients show it. Its styles are inline attributes
 * (mail clients know nothing else), which the app's style-src policy refuses in every document
 * this page makes, even an inert DOMParser one. So each style attribute is renamed before the
 * message is parsed (the core escapes every quote in values and text, so ` style="` occurs only
 * as an attribute), and its value is set on the element's CSSOM style (which the policy allows)
 * once the nodes are in an empty frame of this page's origin (so this page, and an
 * accessibility checker, can reach into it). Nothing in it can run: the frame inherits the
 * app's script-src 'self' (no inline handlers), and script-like elements, on… attributes and
 * javascript: links are removed anyway. Links do not navigate: the preview is for reading.
 */
import { useEffect, useRef, type ReactElement } from 'react'

const HELD = 'data-held-style'

function fill(frame: HTMLIFrameElement, html: string): void {
  const target = frame.contentDocument
  const view = target?.defaultView
  if (!target || !view) return
  const parsed = new DOMParser().parseFromString(
    html.replace(/(<[a-z][a-z0-9]*(?:\s[^>]*?)?)\sstyle="/gi, `$1 ${HELD}="`),
    'text/html'
  )
  const styles = new Map<Element, string>()
  for (const element of parsed.querySelectorAll(`[${HELD}]`)) {
    styles.set(element, element.getAttribute(HELD) ?? '')
    element.removeAttribute(HELD)
  }
  // Nothing that runs or loads from elsewhere, even if a message ever carried it.
  for (const element of parsed.querySelectorAll(
    'script, link, meta, base, object, embed, iframe, frame, form'
  )) {
    element.remove()
  }
  for (const element of parsed.querySelectorAll('*')) {
    for (const { name, value } of [...element.attributes]) {
      if (/^on/i.test(name) || /^\s*javascript:/i.test(value)) element.removeAttribute(name)
    }
  }
  const body = target.importNode(parsed.body, true)
  const originals = [...parsed.body.querySelectorAll('*')]
  const copies = [...body.querySelectorAll('*')]
  originals.forEach((original, i) => {
    const css = styles.get(original)
    const copy = copies[i]
    if (css && copy instanceof view.HTMLElement) copy.style.cssText = css
  })
  const bodyCss = styles.get(parsed.body)
  if (bodyCss) target.body.style.cssText = bodyCss
  target.documentElement.lang = parsed.documentElement.lang || 'en'
  target.title = 'Message preview'
  target.body.replaceChildren(...body.childNodes)
  if (!guarded.has(target)) {
    guarded.add(target)
    target.addEventListener(
      'click',
      (event) => {
        if (event.target instanceof view.Element && event.target.closest('a')) {
          event.preventDefault()
        }
      },
      true
    )
  }
}

const guarded = new WeakSet<Document>()

export function MessageFrame({
  html,
  className
}: Readonly<{ html: string; className?: string }>): ReactElement {
  const ref = useRef<HTMLIFrameElement>(null)
  useEffect(() => {
    const frame = ref.current
    if (frame) fill(frame, html)
  }, [html])
  return (
    <iframe
      ref={ref}
      className={className}
      title="Message preview"
      onLoad={(event) => fill(event.currentTarget, html)}
    />
  )
}
