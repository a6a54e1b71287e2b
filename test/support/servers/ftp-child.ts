/**
 * An FTP server (ftp-srv) in its own process: args ROOT USER PASSWORD [CERT KEY]. With a
 * certificate it offers explicit TLS (AUTH TLS). Prints "ready <port>"; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs'
import net from 'node:net'
import { FtpSrv } from 'ftp-srv'

const [root, user, password, cert, key] = process.argv.slice(2)
if (!root || !user || !password) throw new Error('usage: ftp-child ROOT USER PASSWORD [CERT KEY]')

const quietLog = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  child: () => quietLog
}

const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const a = probe.address()
    probe.close(() => resolve(typeof a === 'object' && a ? a.port : 0))
  })
})
const server = new FtpSrv({
  url: `ftp://127.0.0.1:${port}`,
  pasv_url: '127.0.0.1',
  pasv_min: 40000,
  pasv_max: 49999,
  anonymous: false,
  greeting: 'kiln test ftp',
  ...(cert && key ? { tls: { cert: readFileSync(cert), key: readFileSync(key) } } : {}),
  log: quietLog
})
server.on('login', ({ username, password: given }, resolve, reject) => {
  if (username === user && given === password) resolve({ root })
  else reject(new Error('Login incorrect'))
})
await server.listen()
process.stdout.write(`ready ${port}\n`)
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0))
})
