/**
 * What the Electron shell trusts, as pure functions (no electron import, so they are
 * unit-tested in plain Node): the app's own origin `app://kiln`, and nothing else.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'kiln'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_URL = `${APP_ORIGIN}/index.html`

/** True only for URLs of the app's own origin (`app://kiln/...`). */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false
  try {
    const parsed = new URL(url)
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    )
  } catch {
    return false
  }
}

/** Request URLs an offline app may load: its own origin and in-page data. */
export function isAllowedRequestUrl(url: string): boolean {
  return (
    isAppUrl(url) ||
    url.startsWith('data:') ||
    url.startsWith('blob:app://kiln/') ||
    url.startsWith('devtools:')
  )
}

export type SenderFacts = Readonly<{
  /** event.sender is our main window's webContents. */
  isOurWindow: boolean
  /** event.senderFrame is that window's main frame (not an iframe). */
  isMainFrame: boolean
  /** event.senderFrame?.url */
  frameUrl: string | undefined
}>

/** An IPC call is answered only from our window's main frame showing our app. */
export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.isOurWindow && facts.isMainFrame && isAppUrl(facts.frameUrl)
}
