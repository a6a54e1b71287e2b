/**
 * The message preview is the HTML a mail client gets, whose styles are inline `style` attributes
 * (mail clients ignore style sheets). The app's Content-Security-Policy (style-src without
 * 'unsafe-inline') applies to the preview frame too and refuses every one of them — when the
 * frame parses them, and even when a DOMParser would. So the document goes into the frame with
 * each `style` renamed to `data-kiln-style`, and the app gives the elements their styles through
 * the CSSOM once the frame has loaded (the CSP does not govern the CSSOM): the preview looks as
 * the message will, and nothing is refused.
 */

/**
 * The core writes every attribute double-quoted and escapes `"` in values and text
 * (delivery/html-mail.ts), so ` style="` can only be the start of a style attribute.
 */
const STYLE_ATTRIBUTE = / style="/g
const MARK = 'data-kiln-style'

/** The preview's document: the same HTML with its style attributes renamed. */
export function previewDocument(html: string): string {
  return html.replace(STYLE_ATTRIBUTE, ` ${MARK}="`)
}

/** Gives every renamed element of the loaded frame its style, through the CSSOM. */
export function applyPreviewStyles(doc: Document): void {
  // (The frame's elements belong to its own window: an `instanceof` check would fail across it.)
  for (const element of doc.querySelectorAll<HTMLElement | SVGElement>(`[${MARK}]`)) {
    element.style.cssText = element.getAttribute(MARK) ?? ''
    element.removeAttribute(MARK)
  }
}
