/**
 * The loopback web host (`kiln serve`): the renderer build plus the contract over
 * HTTP, for a browser on the same machine and for the end-to-end tests.
 *
 *   POST /api/session         body: {"code"} → { token } once per one-time code (no token needed)
 *   POST /api/call/<method>   body: JSON input; Authorization: Bearer <token> → Result JSON
 *   GET  /api/events?token=   Server-Sent Events (EventSource cannot send headers)
 *   GET  /api/health          with the token → { ok: true, value: { status: 'ready' } }
 *   GET  /*                   the renderer (index.html for unknown app paths)
 *
 * Binds 127.0.0.1 only. Every request must name this server in `Host` (and in
 * `Origin` when present) or gets 403: that stops DNS rebinding and cross-site calls.
 * The token is per launch and travels in the URL fragment, which browsers never send. The
 * browser that `kiln serve` opens gets a one-time code instead (session-codes.ts), so no
 * session token ever appears on a command line.
 */
import http from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import path from 'node:path'
import { err, ok } from '../../shared/result.js'
import type { Dispatch } from '../core/dispatcher.js'
import type { EventBus } from '../core/events.js'
import { logger } from '../core/logger.js'
import {
  DEFAULT_CONNECTION_LIMITS,
  guardConnections,
  serverOptions,
  type ConnectionLimits
} from './connections.js'
import { bearerToken, isAllowedHost, isAllowedOrigin, newToken, tokensMatch } from './guards.js'
import { SECURITY_HEADERS } from './security-headers.js'
import { createSessionCodes } from './session-codes.js'
import { createSseHub } from './sse.js'
import { realRoot, resolveStaticFile } from './static-files.js'

export type WebHostOptions = Readonly<{
  dispatch: Dispatch
  bus: EventBus
  /** The renderer build, normally `out/renderer`. */
  staticDir: string
  /** 0 or absent: a free port chosen by the system. */
  port?: number
  /** Absent: 32 random bytes, base64url. */
  token?: string
  /** Largest accepted request body (default 20 MB). */
  maxBodyBytes?: number
  /** Interval of SSE comment heartbeats (default 15 s). */
  heartbeatMs?: number
  /** Connection caps and timeouts (connections.ts); defaults suit one person's browser. */
  limits?: Partial<ConnectionLimits>
  /** How long a one-time browser code stays valid (default 2 minutes). */
  codeTtlMs?: number
}>

export type WebHost = Readonly<{
  /** To print for a person: `http://127.0.0.1:<port>/#token=<token>`. */
  url: string
  /**
   * To hand to a browser opener (a command line anyone on the machine can read): a new
   * `http://127.0.0.1:<port>/#code=<one-time code>` on every call.
   */
  openUrl(): string
  port: number
  token: string
  /** Connections open right now (connections.ts caps them). */
  readonly connections: number
  close(): Promise<void>
}>

const DEFAULT_MAX_BODY = 20 * 1024 * 1024
const API_HEADERS = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' }

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...API_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...extra
  })
  res.end(text)
}

type Body = { kind: 'ok'; text: string } | { kind: 'too-large' }

function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too-large' })
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        chunks.length = 0
        resolve({ kind: 'too-large' })
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (done) return
      done = true
      resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') })
    })
    req.on('error', (error) => {
      if (done) return
      done = true
      reject(error)
    })
  })
}

function parseInput(text: string): { ok: true; input: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, input: undefined }
  try {
    return { ok: true, input: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function decodeMethod(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { dispatch, bus } = options
  const token = options.token ?? newToken()
  if (token.length === 0) throw new Error('The web host token must not be empty.')
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const root = await realRoot(options.staticDir).catch(() => path.resolve(options.staticDir))
  const sse = createSseHub(bus, options.heartbeatMs ?? 15_000)
  const codes = createSessionCodes(options.codeTtlMs ?? 120_000)
  let port = 0

  async function handleSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, err('INVALID_INPUT', 'Use POST.'), { Allow: 'POST' })
      return
    }
    const body = await readBody(req, 4096)
    const parsed = body.kind === 'ok' ? parseInput(body.text) : { ok: false as const }
    const input = parsed.ok ? parsed.input : undefined
    const code =
      typeof input === 'object' &&
      input !== null &&
      'code' in input &&
      typeof input.code === 'string'
        ? input.code
        : ''
    if (code !== '' && codes.redeem(code)) {
      sendJson(res, 200, ok({ token }))
      return
    }
    logger.warn(
      'web host: refused a browser sign-in code that was already used, expired or unknown'
    )
    sendJson(
      res,
      401,
      err(
        'UNAUTHORIZED',
        'This sign-in link was already used or has expired. Open the address kiln serve printed.'
      )
    )
  }

  async function handleCall(
    req: IncomingMessage,
    res: ServerResponse,
    method: string
  ): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, err('INVALID_INPUT', 'Contract calls must use POST.'), { Allow: 'POST' })
      return
    }
    const body = await readBody(req, maxBody)
    if (body.kind === 'too-large') {
      const mb = Math.round(maxBody / (1024 * 1024))
      sendJson(res, 413, err('INVALID_INPUT', `The request is larger than ${mb} MB.`), {
        Connection: 'close'
      })
      return
    }
    const parsed = parseInput(body.text)
    if (!parsed.ok) {
      sendJson(res, 200, err('INVALID_INPUT', 'The request body is not valid JSON.'))
      return
    }
    let result: unknown
    try {
      result = await dispatch(method, parsed.input, { host: 'web' })
      JSON.stringify(result)
    } catch (error) {
      logger.error(`web host: call ${method.slice(0, 80)} failed`, error)
      result = err('INTERNAL', 'An unexpected error happened; see the station log for details.')
    }
    sendJson(res, 200, result)
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    query: string
  ): Promise<void> {
    if (pathname === '/api/session') {
      await handleSession(req, res)
      return
    }
    const params = new URLSearchParams(query)
    const given = bearerToken(req.headers.authorization) ?? params.get('token') ?? undefined
    if (!tokensMatch(given, token)) {
      sendJson(
        res,
        401,
        err('UNAUTHORIZED', 'This Kiln host needs the token from the URL it printed.'),
        {
          'WWW-Authenticate': 'Bearer'
        }
      )
      return
    }
    if (pathname.startsWith('/api/call/')) {
      await handleCall(req, res, decodeMethod(pathname.slice('/api/call/'.length)))
      return
    }
    const readOnly = pathname === '/api/events' || pathname === '/api/health'
    const headOk = pathname === '/api/health' && req.method === 'HEAD'
    if (readOnly && req.method !== 'GET' && !headOk) {
      sendJson(res, 405, err('INVALID_INPUT', `${pathname} only answers GET.`), { Allow: 'GET' })
      return
    }
    if (pathname === '/api/events') {
      sse.open(res)
      return
    }
    if (pathname === '/api/health') {
      sendJson(res, 200, ok({ status: 'ready' }))
      return
    }
    sendJson(res, 404, err('NOT_FOUND', `No API route ${pathname.slice(0, 80)}.`))
  }

  async function handleStatic(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' })
      res.end('Method not allowed\n')
      return
    }
    const target = await resolveStaticFile(root, pathname)
    if (target.kind !== 'file') {
      const status = target.kind === 'bad-request' ? 400 : 404
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(status === 400 ? 'Bad request\n' : 'Not found\n')
      return
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': target.contentType,
      'Content-Length': String(target.size),
      'Cache-Control': 'no-cache'
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    await pipeline(createReadStream(target.file), res)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      sendJson(
        res,
        403,
        err(
          'FORBIDDEN',
          'Kiln answers only to http://127.0.0.1 and http://localhost on its own port.'
        )
      )
      return
    }
    const raw = req.url ?? '/'
    if (!raw.startsWith('/')) {
      sendJson(res, 400, err('INVALID_INPUT', 'Bad request target.'))
      return
    }
    const q = raw.indexOf('?')
    const pathname = q === -1 ? raw : raw.slice(0, q)
    const query = q === -1 ? '' : raw.slice(q + 1)
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      await handleApi(req, res, pathname, query)
    } else {
      await handleStatic(req, res, pathname)
    }
  }

  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits }
  const server = http.createServer(serverOptions(limits), (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('web host: request failed', error)
      if (!res.headersSent) {
        sendJson(res, 500, err('INTERNAL', 'An unexpected error happened; see the station log.'))
      } else {
        res.destroy()
      }
    })
  })

  const guard = guardConnections(server, limits)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    openUrl: () => `http://127.0.0.1:${port}/#code=${codes.issue()}`,
    port,
    token,
    get connections() {
      return guard.open
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        sse.closeAll()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}
