import { describe, expect, it } from 'vitest'
import { createWebCall } from './web-client.js'

function answering(status: number, body: unknown): typeof fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })
}

describe('the web client', () => {
  it('passes Results through and sends the bearer token', async () => {
    let seen: RequestInit | undefined
    const call = createWebCall('tok', async (_url, init) => {
      seen = init
      return new Response(JSON.stringify({ ok: true, value: 42 }))
    })
    expect(await call('station:status', {})).toEqual({ ok: true, value: 42 })
    expect(new Headers(seen?.headers).get('Authorization')).toBe('Bearer tok')
  })

  it('turns transport failures and stray answers into error values, never throws', async () => {
    const down = createWebCall(null, async () => {
      throw new TypeError('fetch failed')
    })
    expect((await down('station:status', {})).ok).toBe(false)
    const html = await createWebCall(null, answering(502, '<html>'))('station:status', {})
    expect(html).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    const denied = await createWebCall(null, answering(401, 'no'))('station:status', {})
    expect(denied).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    const forged = await createWebCall(
      null,
      answering(200, { ok: false, error: { code: 'NOPE' } })
    )('station:status', {})
    expect(forged).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})
