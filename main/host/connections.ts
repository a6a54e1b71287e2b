/**
 * Connection limits of the loopback web host. Without them, thousands of half-open local
 * connections hold the host's file descriptors for as long as the peer likes. Here:
 *  - a hard cap (`server.maxConnections`): beyond it, new connections are closed at once;
 *  - an idle cap: above it, connections with no request in flight are closed, oldest first,
 *    so a flood of idle sockets cannot keep a real client out;
 *  - an idle timeout for connections that send nothing (Node's header timeout only starts
 *    with the first byte), keep-alive limits, and header and request timeouts (slowloris).
 * A connection with a request in flight (a long export, the event stream) is never cut.
 */
import type { Server, ServerOptions } from 'node:http'
import type { Socket } from 'node:net'

export type ConnectionLimits = Readonly<{
  /** Connections beyond this are refused at once. */
  maxConnections: number
  /** Above this many open connections, idle ones are closed, oldest first. */
  idleCap: number
  /** A connection with no request in flight is closed after this long. */
  idleTimeoutMs: number
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: number
  /** The whole request (body included) must arrive within this. */
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  maxRequestsPerSocket: number
}>

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 256,
  idleCap: 64,
  idleTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1_000
}

/** Options for `http.createServer` (the timeouts Node checks itself). */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node checks the header and request timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, limits.headersTimeoutMs / 2)),
    maxHeaderSize: 16 * 1024
  }
}

export type ConnectionGuard = Readonly<{ readonly open: number }>

export function guardConnections(server: Server, limits: ConnectionLimits): ConnectionGuard {
  server.maxConnections = limits.maxConnections
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket
  // Insertion order is age order: the first idle entry is the oldest idle connection.
  const sockets = new Map<Socket, { busy: number }>()

  const idle = (socket: Socket): boolean => (sockets.get(socket)?.busy ?? 0) === 0

  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { busy: 0 })
    socket.once('close', () => sockets.delete(socket))
    socket.setTimeout(limits.idleTimeoutMs)
    let open = sockets.size
    if (open <= limits.idleCap) return
    for (const [other, state] of sockets) {
      if (open <= limits.idleCap) break
      if (other === socket || state.busy > 0 || other.destroyed) continue
      other.destroy()
      open--
    }
  })

  server.on('request', (req, res) => {
    const state = sockets.get(req.socket)
    if (!state) return
    state.busy++
    res.once('close', () => {
      state.busy = Math.max(0, state.busy - 1)
    })
  })

  // Node emits 'timeout' here for an inactive socket (ours, or its keep-alive timer); with a
  // listener present it leaves the decision to us: close idle ones, keep those at work.
  server.on('timeout', (socket: Socket) => {
    if (idle(socket)) socket.destroy()
  })

  return {
    get open() {
      return sockets.size
    }
  }
}
