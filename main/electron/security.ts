/**
 * Hardening of the Electron shell: no navigation away from the app, no new windows,
 * no <webview>, no permissions, and no network requests at all (Kiln is offline;
 * the page's CSP says the same from the inside).
 */
import { app, type Session, type WebContents } from 'electron'
import { isAllowedRequestUrl, isAppUrl } from './trust.js'

function guardContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** Guards for every web contents the app ever creates. Call once, before ready. */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents))
}

/** Deny every permission and every request that leaves the app. Call after ready. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) })
  })
}
