/** Ports and temp folders for the test servers (127.0.0.1 only). */
import { mkdtempSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Resolves once something accepts connections on the port; `failed` says why it never will. */
export async function waitForPort(port: number, failed: () => string | undefined): Promise<void> {
  for (;;) {
    if (await tryConnect(port)) return
    const why = failed()
    if (why !== undefined) throw new Error(why)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
