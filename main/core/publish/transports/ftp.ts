/**
 * An FTP or FTPS (explicit TLS) target through basic-ftp, for the shared hosting that small
 * associations have. FTP runs one command at a time per connection, so a small pool of
 * connections works in parallel. With --secure, a certificate that a public CA vouches for
 * (and that names the host) is accepted as usual; any other certificate (self-signed, as
 * many small hosts have) is pinned on first use and must stay the same, like an SSH host
 * key, and the password is sent only after that check.
 */
import { isIP } from 'node:net'
import { PassThrough, Readable } from 'node:stream'
import type { TLSSocket } from 'node:tls'
import { Client, FTPError } from 'basic-ftp'
import { KilnFailure } from '../../failure.js'
import { assertSitePath } from '../site-paths.js'
import type { Pin } from '../target-store.js'
import { loginRefused, transportFailure } from './errors.js'
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

/** 530 (and 430 on some servers): the user name or password was not accepted. */
const isLoginRefused = (error: unknown): boolean =>
  error instanceof FTPError && (error.code === 530 || error.code === 430)

/**
 * One logged-in connection. Whatever fails on the way (the TLS check, a refused login), the
 * socket is closed before the error goes up: an open socket would keep the process (the CLI)
 * waiting for the server to hang up, which after a wrong password can take minutes.
 */
async function connect(
  options: FtpOptions,
  pinned: Pin | undefined,
  where: string
): Promise<{ client: Client; identity?: SeenIdentity }> {
  const client = new Client(30_000)
  try {
    let identity: SeenIdentity | undefined
    await client.connect(options.host, options.port)
    if (options.secure) {
      // SNI carries host names only (RFC 6066): none for an address.
      await client.useTLS({
        host: options.host,
        ...(isIP(options.host) === 0 ? { servername: options.host } : {}),
        rejectUnauthorized: false
      })
      const socket = client.ftp.socket
      if (!isTls(socket)) throw new Error('the server did not start TLS')
      const cert = socket.getPeerCertificate()
      const fingerprint = `SHA256:${cert.fingerprint256}`
      if (!socket.authorized) {
        if (pinned && pinned.fingerprint !== fingerprint) {
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
    try {
      await client.login(options.user, options.password)
    } catch (error) {
      if (isLoginRefused(error)) throw loginRefused(where, 'user name and password', error)
      throw error
    }
    await client.useDefaultSettings()
    return identity ? { client, identity } : { client }
  } catch (error) {
    client.close()
    throw error
  }
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
  const first = await wrap('connect to', () => connect(options, options.pinned, where))
  const pin = first.identity?.pin ?? options.pinned
  // The target folder as an absolute path (a relative one is below the login folder).
  let home: string
  try {
    home = await wrap('connect to', () => first.client.pwd())
  } catch (error) {
    first.client.close()
    throw error
  }
  const rel = options.path.replace(/\/+$/, '')
  const root = rel.startsWith('/') ? rel || '/' : `${home.replace(/\/+$/, '')}/${rel}`
  const under = root === '/' ? '/' : `${root}/`
  const remote = (p: string): string => `${under}${assertSitePath(p)}`

  // A pool of up to CONNECTIONS logged-in clients, opened as the work needs them. Whoever
  // waits is woken whenever a client is handed back, dropped, or fails to open, and looks
  // again, so no caller waits on a client that will never come.
  const clients = new Set<Client>([first.client])
  const idle: Client[] = [first.client]
  const waiting: (() => void)[] = []
  let opening = 0
  let closed = false
  const wake = (): void => waiting.shift()?.()
  const acquire = async (): Promise<Client> => {
    for (;;) {
      if (closed) throw new Error('Client is closed')
      const free = idle.pop()
      if (free) return free
      if (clients.size + opening < CONNECTIONS) {
        opening++
        try {
          const opened = await connect(options, pin, where)
          clients.add(opened.client)
          return opened.client
        } finally {
          opening--
          wake()
        }
      }
      await new Promise<void>((resolve) => waiting.push(resolve))
    }
  }
  const release = (client: Client): void => {
    if (client.closed || closed) clients.delete(client)
    else idle.push(client)
    wake()
  }
  const withClient = async <T>(what: string, run: (c: Client) => Promise<T>): Promise<T> =>
    wrap(what, async () => {
      const client = await acquire()
      try {
        return await run(client)
      } finally {
        release(client)
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
      closed = true
      for (const c of clients) c.close()
      clients.clear()
      while (waiting.length > 0) wake()
    }
  }
  return first.identity ? { transport, identity: first.identity } : { transport }
}
