/**
 * An FTP or FTPS (explicit TLS) target through basic-ftp, for the shared hosting that small
 * associations have. FTP runs one command at a time per connection, so a small pool of
 * connections works in parallel. With --secure, a certificate that a public CA vouches for
 * (and that names the host) is accepted as usual; any other certificate (self-signed, as
 * many small hosts have) is pinned on first use and must stay the same, like an SSH host
 * key, and the password is sent only after that check.
 */
import { PassThrough, Readable } from 'node:stream'
import type { TLSSocket } from 'node:tls'
import { Client, FTPError } from 'basic-ftp'
import { KilnFailure } from '../../failure.js'
import { assertSitePath } from '../site-paths.js'
import type { Pin } from '../target-store.js'
import { transportFailure } from './errors.js'
import type { OpenedTransport, SeenIdentity, Transport } from './transport.js'

export type FtpOptions = Readonly<{
  host: string
  port: number
  user: string
  password: string
  secure: boolean
  path: string
  pinned: Pin | undefined
}>

const CONNECTIONS = 4
/** 550 is the standard reply for a missing file; some servers (ftp-srv) answer 551. */
const isMissing = (error: unknown): boolean =>
  error instanceof FTPError && (error.code === 550 || error.code === 551)

function isTls(socket: unknown): socket is TLSSocket {
  return (
    typeof socket === 'object' &&
    socket !== null &&
    'getPeerCertificate' in socket &&
    'authorized' in socket
  )
}

async function connect(
  options: FtpOptions,
  pinned: Pin | undefined
): Promise<{ client: Client; identity?: SeenIdentity }> {
  const client = new Client(30_000)
  let identity: SeenIdentity | undefined
  await client.connect(options.host, options.port)
  if (options.secure) {
    await client.useTLS({ host: options.host, servername: options.host, rejectUnauthorized: false })
    const socket = client.ftp.socket
    if (!isTls(socket)) throw new Error('the server did not start TLS')
    const cert = socket.getPeerCertificate()
    const fingerprint = `SHA256:${cert.fingerprint256}`
    if (!socket.authorized) {
      if (pinned && pinned.fingerprint !== fingerprint) {
        client.close()
        throw new KilnFailure(
          'HOST_KEY_CHANGED',
          `The TLS certificate of ${options.host}:${options.port} changed: it was ${pinned.fingerprint} when first pinned and is now ${fingerprint}. Kiln did not log in. If the administrator confirms the new certificate, remove and add the target again.`,
          { expected: pinned.fingerprint, actual: fingerprint }
        )
      }
      identity = {
        pin: { kind: 'tls-certificate', fingerprint, at: new Date().toISOString() },
        new: !pinned
      }
    }
  }
  await client.send('OPTS UTF8 ON').catch(() => undefined)
  await client.login(options.user, options.password)
  await client.useDefaultSettings()
  return identity ? { client, identity } : { client }
}

export async function openFtp(options: FtpOptions): Promise<OpenedTransport> {
  const where = `${options.secure ? 'ftps' : 'ftp'}://${options.user}@${options.host}:${options.port}`
  const wrap = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      throw transportFailure(error, what, where)
    }
  }
  const first = await wrap('connect to', () => connect(options, options.pinned))
  const pin = first.identity?.pin ?? options.pinned
  // The target folder as an absolute path (a relative one is below the login folder).
  const home = await wrap('connect to', () => first.client.pwd())
  const rel = options.path.replace(/\/+$/, '')
  const root = rel.startsWith('/') ? rel || '/' : `${home.replace(/\/+$/, '')}/${rel}`
  const under = root === '/' ? '/' : `${root}/`
  const remote = (p: string): string => `${under}${assertSitePath(p)}`

  const clients: Client[] = [first.client]
  const idle: Client[] = [first.client]
  const waiting: ((c: Client) => void)[] = []
  const acquire = async (): Promise<Client> => {
    const free = idle.pop()
    if (free) return free
    if (clients.length < CONNECTIONS) {
      const opened = await connect(options, pin)
      clients.push(opened.client)
      return opened.client
    }
    return new Promise<Client>((resolve) => waiting.push(resolve))
  }
  const release = (client: Client): void => {
    const next = waiting.shift()
    if (next) next(client)
    else idle.push(client)
  }
  const withClient = async <T>(what: string, run: (c: Client) => Promise<T>): Promise<T> =>
    wrap(what, async () => {
      const client = await acquire()
      try {
        return await run(client)
      } finally {
        if (client.closed) {
          clients.splice(clients.indexOf(client), 1)
          const next = waiting.shift()
          if (next) acquire().then(next, () => undefined)
        } else release(client)
      }
    })
  const made = new Set<string>()
  const ensureDir = async (client: Client, dir: string): Promise<void> => {
    if (made.has(dir)) return
    await client.ensureDir(dir)
    made.add(dir)
  }

  const transport: Transport = {
    concurrency: CONNECTIONS,
    read: (p) =>
      withClient('read from', async (client) => {
        const chunks: Buffer[] = []
        const sink = new PassThrough()
        sink.on('data', (c: Buffer) => chunks.push(c))
        try {
          await client.downloadTo(sink, remote(p))
        } catch (error) {
          if (isMissing(error)) return undefined
          throw error
        }
        return Buffer.concat(chunks)
      }),
    put: (p, data) =>
      withClient('upload to', async (client) => {
        const file = remote(p)
        await ensureDir(client, file.slice(0, file.lastIndexOf('/')) || '/')
        await client.uploadFrom(Readable.from([data]), file)
      }),
    remove: (p) =>
      withClient('delete on', async (client) => {
        const file = remote(p)
        await client.remove(file, true)
        for (
          let dir = file.slice(0, file.lastIndexOf('/'));
          dir.startsWith(under) && dir !== under;
        ) {
          try {
            await client.removeEmptyDir(dir)
            made.delete(dir)
          } catch {
            break
          }
          dir = dir.slice(0, dir.lastIndexOf('/'))
        }
      }),
    isEmpty: () =>
      withClient('list', async (client) => {
        try {
          await client.cd(root)
        } catch (error) {
          // No such folder yet (servers answer 550, 451, …): nothing is there.
          if (error instanceof FTPError) return true
          throw error
        }
        const names = (await client.list()).map((f) => f.name)
        return names.filter((n) => n !== '.' && n !== '..').length === 0
      }),
    close: async () => {
      for (const c of clients) c.close()
    }
  }
  return first.identity ? { transport, identity: first.identity } : { transport }
}
