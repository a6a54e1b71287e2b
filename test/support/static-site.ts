/**
 * A static web host for an exported site folder on 127.0.0.1, serving every file with the headers
 * the site's own host configuration asks for (main/core/site/content-types.ts: Content-Type,
 * Cache-Control, CORS, the CSP of the pages), like a configured Apache or Netlify would. Folders
 * answer with their index.html; nothing is listed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { httpHeadersFor } from '../../main/core/site/content-types.js'

export type StaticSite = { url: string; close: () => Promise<void> }

export function serveSite(root: string): Promise<StaticSite> {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '')
    let file = path.join(root, rel)
    if (rel === '' || rel.endsWith('/')) {
      rel += 'index.html'
      file = path.join(root, rel)
    } else if (existsSync(file) && statSync(file).isDirectory()) {
      res.writeHead(301, { location: `/${rel}/` }).end()
      return
    }
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, httpHeadersFor(rel))
    res.end(readFileSync(file))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}
