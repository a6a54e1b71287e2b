/** A static web server for tests on 127.0.0.1: serves a folder (a badge site made of bundles). */
import { createServer, type Server } from 'node:http'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export type StaticSite = Readonly<{ port: number; url: string; close(): Promise<void> }>

export async function serveFolder(root: string): Promise<StaticSite> {
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
    let file = path.join(root, ...pathname.split('/').filter((s) => s !== '' && s !== '..'))
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream'
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
