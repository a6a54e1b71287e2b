/**
 * The web host's session token. `kiln serve` opens `http://127.0.0.1:<port>/#token=<token>`:
 * the token is read from the fragment once, kept in sessionStorage (so a reload still works,
 * and it dies with the tab), and removed from the visible URL and history entry.
 */
const STORAGE_KEY = 'kiln.session-token'
const TOKEN_IN_HASH = /(?:^#|&)token=([A-Za-z0-9_-]+)/

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
