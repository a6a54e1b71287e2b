/**
 * Server-Sent Events for the web host: every bus event becomes
 * `event: <name>\ndata: <json>\n\n`; a comment line keeps proxies and the browser
 * from timing the stream out. Streams are closed when the client goes away or the
 * host closes.
 */
import type { ServerResponse } from 'node:http'
import type { EventBus } from '../core/events.js'
import { SECURITY_HEADERS } from './security-headers.js'

export type SseHub = Readonly<{
  open(res: ServerResponse): void
  closeAll(): void
  readonly size: number
}>

export function createSseHub(bus: EventBus, heartbeatMs: number): SseHub {
  const streams = new Set<ServerResponse>()

  function open(res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no'
    })
    res.write('retry: 2000\n: connected\n\n')
    streams.add(res)

    const unsubscribe = bus.subscribe((event) => {
      let data: string
      try {
        data = JSON.stringify(event.payload ?? null)
      } catch {
        return
      }
      res.write(`event: ${event.name}\ndata: ${data}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs)
    heartbeat.unref()

    const cleanup = (): void => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(res)
    }
    res.on('close', cleanup)
    res.on('error', cleanup)
  }

  return {
    open,
    closeAll(): void {
      for (const res of [...streams]) res.end()
    },
    get size(): number {
      return streams.size
    }
  }
}
