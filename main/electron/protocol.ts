/**
 * The app:// protocol: the renderer build served from disk under the origin
 * `app://kiln`, with the same CSP and safety headers as the web host. A custom
 * privileged scheme (rather than file://) gives the page a real origin for `'self'`
 * and ES modules, and keeps every other local file out of reach.
 */
import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { SECURITY_HEADERS } from '../host/security-headers.js'
import { realRoot, resolveStaticFile } from '../host/static-files.js'
import { APP_HOST, APP_SCHEME } from './trust.js'

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }
  })
}

/** Serve `rendererDir` (out/renderer) at app://kiln/. Call after the app is ready. */
export async function serveAppProtocol(rendererDir: string): Promise<void> {
  const root = await realRoot(rendererDir).catch(() => rendererDir)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return notFound()
    }
    const target = await resolveStaticFile(root, url.pathname)
    if (target.kind !== 'file') return notFound()
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(target.file))
    return new Response(body, {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': target.contentType,
        'Cache-Control': 'no-cache'
      }
    })
  })
}
