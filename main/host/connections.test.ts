import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ok } from '../../shared/result.js'
import { EventBus } from '../core/events.js'
import { startWebHost, type WebHost } from './server.js'

/**
 * A flood of idle local sockets (the 21,000 half-open connections, scaled down) must be
 * cut off while a real client still gets its answer; a slow sender gets 408. Bounded loops,
 * 127.0.0.1 only; the only waits are generous functional bounds.
 */
let host: WebHost
let staticDir: string

beforeEach(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-conn-'))
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Kiln</title>')
  host = await startWebHost({
    dispatch: async () => ok('answered'),
    bus: new EventBus(),
    staticDir,
    limits: {
      maxConnections: 200,
      idleCap: 16,
      // Well apart, so the slow request meets the header timeout (408) before the idle one.
      idleTimeoutMs: 3_000,
      headersTimeoutMs: 500
    }
  })
})

afterEach(async () => {
  await host.close()
  fs.rmSync(staticDir, { recursive: true, force: true })
})

type Idle = { socket: net.Socket; closed: boolean }

function openIdle(port: number): Promise<Idle> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const idle: Idle = { socket, closed: false }
    socket.once('close', () => (idle.closed = true))
    socket.on('error', () => undefined)
    // Read (and drop) whatever comes, so the server's close is seen here.
    socket.resume()
    socket.once('connect', () => resolve(idle))
    socket.once('error', reject)
  })
}

async function until(check: () => boolean, what: string, boundMs = 20_000): Promise<void> {
  const end = Date.now() + boundMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${boundMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

function health(port: number, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/health',
        headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}` },
        agent: false
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

describe('connection limits of the web host', () => {
  it('cuts a flood of idle sockets off and still answers a real client', async () => {
    const flood: Idle[] = []
    for (let i = 0; i < 150; i++) flood.push(await openIdle(host.port))
    // Above the idle cap, the oldest idle connections were closed as new ones came.
    await until(() => flood.filter((s) => !s.closed).length <= 16, 'the idle cap applies')
    expect(await health(host.port, host.token)).toBe(200)
    // The rest are closed by the idle timeout; none is left holding a descriptor.
    await until(() => flood.every((s) => s.closed), 'every idle socket is closed')
    await until(() => host.connections === 0, 'the host holds no connection')
    expect(await health(host.port, host.token)).toBe(200)
  })

  it('answers a request whose headers never finish with 408 and closes it', async () => {
    const slow = await openIdle(host.port)
    let received = ''
    slow.socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
    expect(host.connections).toBe(1)
    slow.socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`)
    await until(() => slow.closed, 'the slow request is closed')
    expect(received).toMatch(/^HTTP\/1\.1 408/)
  })

  it('never cuts a connection with a request in flight, however long it is quiet', async () => {
    await host.close()
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    host = await startWebHost({
      dispatch: async () => {
        await gate
        return ok('late answer')
      },
      bus: new EventBus(),
      staticDir,
      limits: { idleCap: 2, idleTimeoutMs: 300, headersTimeoutMs: 1_000 }
    })
    const port = host.port
    const answer = new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/call/station:status',
          headers: {
            Host: `127.0.0.1:${port}`,
            Authorization: `Bearer ${host.token}`,
            'Content-Type': 'application/json'
          },
          agent: false
        },
        (res) => {
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk.toString()))
          res.on('end', () => resolve(body))
        }
      )
      req.on('error', reject)
      req.end('{}')
    })
    // Idle sockets come and go (and push past the idle cap) while the call is in flight.
    const flood: Idle[] = []
    for (let i = 0; i < 10; i++) flood.push(await openIdle(port))
    await until(() => flood.every((s) => s.closed), 'the idle sockets are closed')
    release()
    expect(JSON.parse(await answer)).toEqual({ ok: true, value: 'late answer' })
  })
})
