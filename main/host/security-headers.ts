/**
 * The headers every Kiln page is served with, by the web host and by the Electron
 * app protocol alike: a strict Content-Security-Policy (no inline script, no remote
 * anything, no framing), no MIME sniffing and no referrer.
 */
/**
 * The one inline <style> the renderer needs, allowed by its hash and nothing wider (no
 * 'unsafe-inline'): React Aria's usePress prepends `[data-react-aria-pressable] { touch-action:
 * pan-x pan-y pinch-zoom }` to <head> (so a press does not start a pan on touch screens).
 * Everything else is in the stylesheet; React's `style` props go through the CSSOM, which CSP
 * does not restrict. security-headers.test.ts recomputes the hash from the installed
 * react-aria, so an upgrade that changes the text fails a test instead of the UI.
 */
export const PRESSABLE_STYLE_HASH = "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='"

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${PRESSABLE_STYLE_HASH}`,
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  // The certificate preview: a PDF the page itself made (URL.createObjectURL) in an <iframe>.
  'frame-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'"
].join('; ')

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}
