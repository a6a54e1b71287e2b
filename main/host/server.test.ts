import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { ok } from '../../shared/result.js'
import type { CallContext, Dispatch } from '../core/dispatcher.js'
import { EventBus } from '../core/events.js'
import { startWebHost, type WebHost } from './server.js'

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string }
type Call = { method: unknown; input: unknown; ctx: CallContext }

/** node:http instead of fetch: it lets a test set Host and send raw paths. */
function request(
  port: number,
  target: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: init.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...init.headers }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString()
          })
        )
      }
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

const INDEX = '<!doctype html><title>Kiln</title><div id="root"></div>'
const SECRET = 'TOP-SECRET-OUTSIDE-THE-BUILD'

let tmp: string
let host: WebHost
let calls: Call[]
let bus: EventBus
let active: number

async function start(
  extra: { maxBodyBytes?: number; heartbeatMs?: number } = {}
): Promise<WebHost> {
  const dispatch: Dispatch = async (method, input, ctx) => {
    calls.push({ method, input, ctx })
    return ok({ echoed: input ?? null, method })
  }
  return startWebHost({ dispatch, bus, staticDir: path.join(tmp, 'site'), ...extra })
}

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
  fs.mkdirSync(path.join(tmp, 'site', 'assets'), { recursive: true })
  fs.writeFileSync(path.join(tmp, 'site', 'index.html'), INDEX)
  fs.writeFileSync(path.join(tmp, 'site', 'assets', 'app.js'), 'console.log(1)')
  fs.writeFileSync(path.join(tmp, 'site', 'assets', 'icon.svg'), '<svg/>')
  fs.writeFileSync(path.join(tmp, 'site', '.env'), SECRET)
  fs.writeFileSync(path.join(tmp, 'secret.txt'), SECRET)
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(tmp, 'site', 'link.txt'))
  calls = []
  bus = new EventBus()
  active = 0
  const subscribe = bus.subscribe.bind(bus)
  bus.subscribe = (listener) => {
    active += 1
    const off = subscribe(listener)
    return () => {
      active -= 1
      off()
    }
  }
  host = await start()
})

afterEach(async () => {
  await host.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

function auth(token = host.token): Record<string, string> {
  return { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
}

describe('startWebHost: launch', () => {
  it('binds 127.0.0.1 on a random port with a fresh 32-byte token in the URL fragment', async () => {
    expect(host.port).toBeGreaterThan(0)
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`)
    const other = await start()
    try {
      expect(other.port).not.toBe(host.port)
      expect(other.token).not.toBe(host.token)
    } finally {
      await other.close()
    }
  })

  it('answers /api/health with the token', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/health`, { headers: auth() })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ ok: true, value: { status: 'ready' } })
  })
})

describe('startWebHost: authentication', () => {
  it('refuses calls without a token or with a wrong one (401) and never dispatches them', async () => {
    const none = await request(host.port, '/api/call/app:info', { method: 'POST', body: '{}' })
    expect(none.status).toBe(401)
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    const wrong = await request(host.port, '/api/call/app:info', {
      method: 'POST',
      headers: auth(host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A')),
      body: '{}'
    })
    expect(wrong.status).toBe(401)
    const queryOnCall = await request(host.port, `/api/call/app:info?token=x${host.token}`, {
      method: 'POST',
      body: '{}'
    })
    expect(queryOnCall.status).toBe(401)
    expect((await request(host.port, '/api/health')).status).toBe(401)
    expect((await request(host.port, '/api/events')).status).toBe(401)
    expect((await request(host.port, '/api/events?token=nope')).status).toBe(401)
    expect(calls).toEqual([])
  })
})

describe('startWebHost: DNS-rebinding and cross-site protection', () => {
  it('refuses a foreign Host header with 403, even with the right token', async () => {
    for (const hostHeader of [
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1'
    ]) {
      const res = await request(host.port, '/api/call/app:info', {
        method: 'POST',
        headers: { ...auth(), Host: hostHeader },
        body: '{}'
      })
      expect(res.status, hostHeader).toBe(403)
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    const page = await request(host.port, '/', { headers: { Host: `evil.example:${host.port}` } })
    expect(page.status).toBe(403)
    expect(page.body).not.toContain('Kiln</title>')
    expect(calls).toEqual([])
  })

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${host.port}`,
      'null',
      `https://127.0.0.1:${host.port}`
    ]) {
      const res = await request(host.port, '/api/call/app:info', {
        method: 'POST',
        headers: { ...auth(), Origin: origin },
        body: '{}'
      })
      expect(res.status, origin).toBe(403)
    }
    expect(calls).toEqual([])
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const res = await request(host.port, '/api/call/app:info', {
        method: 'POST',
        headers: { ...auth(), Origin: origin, Host: `localhost:${host.port}` },
        body: '{}'
      })
      expect(res.status, origin).toBe(200)
    }
  })
})

describe('startWebHost: contract calls', () => {
  it('dispatches the method and JSON input with host "web" and returns the Result', async () => {
    const input = { name: 'Speaker', tags: ['a'] }
    const res = await fetch(`http://127.0.0.1:${host.port}/api/call/badges:create`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify(input)
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.json()).toEqual({
      ok: true,
      value: { echoed: input, method: 'badges:create' }
    })
    expect(calls).toEqual([{ method: 'badges:create', input, ctx: { host: 'web' } }])
  })

  it('decodes a percent-encoded method name and treats an empty body as no input', async () => {
    const res = await request(host.port, '/api/call/station%3Astatus', {
      method: 'POST',
      headers: auth()
    })
    expect(res.status).toBe(200)
    expect(calls).toEqual([{ method: 'station:status', input: undefined, ctx: { host: 'web' } }])
  })

  it('answers malformed JSON with INVALID_INPUT and other verbs with 405', async () => {
    const bad = await request(host.port, '/api/call/badges:create', {
      method: 'POST',
      headers: auth(),
      body: '{"name": '
    })
    expect(bad.status).toBe(200)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const get = await request(host.port, '/api/call/badges:list', { headers: auth() })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    const unknown = await request(host.port, '/api/nothing', { headers: auth() })
    expect(unknown.status).toBe(404)
    expect(calls).toEqual([])
  })

  it('turns a throwing dispatch into an INTERNAL Result', async () => {
    const broken = await startWebHost({
      dispatch: async () => {
        throw new Error('boom at /secret/path')
      },
      bus,
      staticDir: path.join(tmp, 'site')
    })
    try {
      const { logger } = await import('../core/logger.js')
      const lines: string[] = []
      const restore = logger.setSink((line) => lines.push(line))
      const res = await request(broken.port, '/api/call/app:info', {
        method: 'POST',
        headers: auth(broken.token),
        body: '{}'
      })
      restore()
      expect(res.status).toBe(200)
      expect(JSON.parse(res.body)).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: expect.any(String) }
      })
      expect(res.body).not.toContain('boom')
      expect(lines.join('\n')).toContain('boom')
    } finally {
      await broken.close()
    }
  })

  it('refuses bodies over the limit with 413, by Content-Length and by streamed size', async () => {
    const declared = await request(host.port, '/api/call/badges:create', {
      method: 'POST',
      headers: { ...auth(), 'Content-Length': String(21 * 1024 * 1024) },
      body: '{}'
    }).catch((error: unknown) => error)
    expect(declared).toMatchObject({ status: 413 })
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20)
    const res = await fetch(`http://127.0.0.1:${host.port}/api/call/badges:create`, {
      method: 'POST',
      headers: auth(),
      body: big
    })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    const small = await start({ maxBodyBytes: 1000 })
    try {
      const chunked = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: small.port,
            path: '/api/call/badges:create',
            method: 'POST',
            headers: { Authorization: `Bearer ${small.token}`, 'Transfer-Encoding': 'chunked' }
          },
          (r) => {
            r.resume()
            resolve(r.statusCode ?? 0)
          }
        )
        req.on('error', reject)
        req.write('"' + 'x'.repeat(800))
        req.end('y'.repeat(800) + '"')
      })
      expect(chunked).toBe(413)
      const fits = await request(small.port, '/api/call/badges:create', {
        method: 'POST',
        headers: auth(small.token),
        body: JSON.stringify('x'.repeat(900))
      })
      expect(fits.status).toBe(200)
    } finally {
      await small.close()
    }
    expect(calls.map((c) => typeof c.input === 'string' && c.input.length)).toEqual([900])
  })
})

function openEvents(
  port: number,
  token: string
): Promise<{ res: http.IncomingMessage; text: () => string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: `/api/events?token=${encodeURIComponent(token)}` },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.once('data', () => resolve({ res, text: () => text }))
      }
    )
    req.on('error', reject)
  })
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('startWebHost: server-sent events', () => {
  it('streams every bus event as `event: <name>` + JSON data', async () => {
    const stream = await openEvents(host.port, host.token)
    expect(stream.res.statusCode).toBe(200)
    expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(active).toBe(1)
    bus.emit('data:changed', { domain: 'badges' })
    bus.emit('job:progress', { jobId: 'j1', kind: 'bundle:export', done: 3, total: 10 })
    await waitFor(() => stream.text().includes('job:progress'))
    expect(stream.text()).toContain('event: data:changed\ndata: {"domain":"badges"}\n\n')
    expect(stream.text()).toContain(
      'event: job:progress\ndata: {"jobId":"j1","kind":"bundle:export","done":3,"total":10}\n\n'
    )
    stream.res.destroy()
    await waitFor(() => active === 0)
  })

  it('sends heartbeats and ends open streams when the host closes', async () => {
    const quick = await start({ heartbeatMs: 30 })
    const stream = await openEvents(quick.port, quick.token)
    await waitFor(() => stream.text().includes(': heartbeat\n\n'))
    const ended = new Promise<void>((resolve) => stream.res.on('close', () => resolve()))
    await quick.close()
    await ended
    expect(active).toBe(0)
  })
})

describe('startWebHost: static renderer', () => {
  it('serves index.html at / with the CSP and safety headers, no token needed', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(INDEX)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self';")
    // No inline styles either: React's style props go through the CSSOM, which CSP allows.
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]+=';/)
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('serves assets with their MIME type, app routes as index.html, missing assets as 404', async () => {
    const js = await request(host.port, '/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.body).toBe('console.log(1)')
    expect((await request(host.port, '/assets/icon.svg')).headers['content-type']).toBe(
      'image/svg+xml'
    )
    const route = await request(host.port, '/badges/123?tab=versions')
    expect(route.status).toBe(200)
    expect(route.body).toBe(INDEX)
    expect((await request(host.port, '/assets/missing.js')).status).toBe(404)
    const dir = await request(host.port, '/assets/')
    expect(dir.body).toBe(INDEX)
    expect(dir.body).not.toContain('app.js')
    const post = await request(host.port, '/index.html', { method: 'POST', body: 'x' })
    expect(post.status).toBe(405)
  })

  it('never serves anything outside the build folder, nor dotfiles', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '//../secret.txt',
      `/${encodeURIComponent(path.join(tmp, 'secret.txt'))}`,
      '/link.txt',
      '/.env',
      '/%2eenv',
      '/%00/../secret.txt',
      '/%E0%A4%A'
    ]
    for (const target of attempts) {
      const res = await request(host.port, target)
      expect(res.body, target).not.toContain(SECRET)
      expect([400, 404], target).toContain(res.status)
    }
  })
})
