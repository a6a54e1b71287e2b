/**
 * The web host's session token. The address `kiln serve` prints is
 * `http://127.0.0.1:<port>/#token=<token>`; the browser it opens itself gets
 * `#code=<one-time code>` instead (a command line is readable by every local user), which the
 * page exchanges once for the token (`POST /api/session`). Either way the token is kept in
 * sessionStorage (so a reload still works, and it dies with the tab), and the fragment is
 * removed from the visible URL and history entry.
 */
const STORAGE_KEY = 'kiln.session-token'
const TOKEN_IN_HASH = /(?:^#|&)token=([A-Za-z0-9_-]+)/
const CODE_IN_HASH = /(?:^#|&)code=([A-Za-z0-9_-]+)/

export type TokenEnvironment = Readonly<{
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
}>

export function takeSessionToken(env: TokenEnvironment): string | null {
  const match = TOKEN_IN_HASH.exec(env.location.hash)
  if (match?.[1]) {
    env.storage.setItem(STORAGE_KEY, match[1])
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search)
  }
  return env.storage.getItem(STORAGE_KEY)
}

function tokenFrom(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('ok' in body) || body.ok !== true) return null
  if (!('value' in body) || typeof body.value !== 'object' || body.value === null) return null
  const value = body.value
  return 'token' in value && typeof value.token === 'string' ? value.token : null
}

/** Exchanges a `#code=` for the session token (once), then behaves as takeSessionToken. */
export async function startSession(
  env: TokenEnvironment,
  fetchImpl: typeof fetch = fetch
): Promise<string | null> {
  const code = CODE_IN_HASH.exec(env.location.hash)?.[1]
  if (code) {
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search)
    try {
      const response = await fetchImpl('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code }),
        cache: 'no-store',
        credentials: 'omit'
      })
      const token = tokenFrom(await response.json())
      if (token) env.storage.setItem(STORAGE_KEY, token)
    } catch {
      // No token: every call answers UNAUTHORIZED, which the UI explains.
    }
  }
  return takeSessionToken(env)
}
