/**
 * One-time codes for opening the browser. `kiln serve` used to start the browser with the
 * session token in its command line, where every local user can read it (`ps`). Now the
 * opener gets `#code=<code>`: random, short-lived and good for one exchange
 * (`POST /api/session`), which hands the page the session token. A code seen in `ps` is
 * worthless once the browser has used it or once it expired; a second use is refused and
 * logged, so a stolen race shows up as a link that "was already used".
 */
import { createHash, randomBytes } from 'node:crypto'

export type SessionCodes = Readonly<{
  /** A new single-use code. */
  issue(): string
  /** True once per issued, unexpired code; false for anything else. */
  redeem(code: string): boolean
}>

const digest = (code: string): string => createHash('sha256').update(code).digest('hex')

export function createSessionCodes(
  ttlMs: number,
  now: () => number = () => Date.now()
): SessionCodes {
  // Only hashes are kept, so the map holds nothing that opens a session.
  const live = new Map<string, number>()

  function sweep(): void {
    const t = now()
    for (const [hash, expires] of live) if (expires <= t) live.delete(hash)
  }

  return {
    issue(): string {
      sweep()
      const code = randomBytes(24).toString('base64url')
      live.set(digest(code), now() + ttlMs)
      return code
    },
    redeem(code: string): boolean {
      sweep()
      const hash = digest(code)
      const expires = live.get(hash)
      live.delete(hash)
      return expires !== undefined && expires > now()
    }
  }
}
