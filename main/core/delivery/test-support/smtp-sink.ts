/**
 * A real SMTP server for tests and the benchmark (the smtp-server package) on 127.0.0.1 with
 * AUTH PLAIN/LOGIN: over a plain connection by default, or with a certificate either offering
 * STARTTLS (and then accepting a login only after it, as providers do) or speaking TLS from the
 * start. Every message is logged by Message-ID, recipient and arrival time, and kept (raw) when
 * asked, to be parsed back with mailparser. Recipients can be refused (a 550) or deferred (a 421
 * for the first N attempts) to prove how Kiln reacts.
 */
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'

export const SINK_USER = 'kiln-sender'
export const SINK_PASSWORD = 'sink password 7f3a!'

export type Received = Readonly<{
  messageId: string
  to: readonly string[]
  raw?: Buffer
  bytes: number
  /** Date.now() when the server had the whole message. */
  at: number
  /** Whether the connection it came over was encrypted. */
  secure: boolean
}>

export type SinkOptions = Readonly<{
  /** A fixed port (to come back on the same one after a close); default: any free port. */
  port?: number
  /** Keep each message's bytes (to parse them); off for the big runs. */
  keep?: boolean
  /** Addresses refused for good: 550 with this text. */
  reject?: ReadonlyMap<string, string>
  /** Addresses answered 421 for their first N attempts. */
  deferFirst?: ReadonlyMap<string, number>
  /**
   * With a certificate: 'starttls' offers STARTTLS and refuses a login before it (538);
   * 'tls' speaks TLS from the first byte (the port-465 way).
   */
  tls?: Readonly<{ mode: 'starttls' | 'tls'; cert: Buffer; key: Buffer }>
}>

export type Sink = Readonly<{
  port: number
  received: Received[]
  /** RCPT attempts per address. */
  attempts: Map<string, number>
  authFailures: () => number
  /** Successful logins (each one sent the password). */
  logins: () => number
  parse(index: number): Promise<ParsedMail>
  /** How many times each Message-ID arrived. */
  countsByMessageId(): Map<string, number>
  close(): Promise<void>
}>

function headerMessageId(raw: Buffer): string {
  const head = raw.subarray(0, Math.min(raw.length, 16_384)).toString('latin1')
  const match = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)
  return match?.[1] ?? ''
}

export async function startSink(options: SinkOptions = {}): Promise<Sink> {
  const received: Received[] = []
  const attempts = new Map<string, number>()
  let authFailures = 0
  let logins = 0
  const tls = options.tls
  const server = new SMTPServer({
    logger: false,
    ...(tls
      ? { key: tls.key, cert: tls.cert, secure: tls.mode === 'tls', allowInsecureAuth: false }
      : { disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
    authOptional: false,
    authMethods: ['PLAIN', 'LOGIN'],
    size: 50 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === SINK_USER && auth.password === SINK_PASSWORD) {
        logins++
        callback(null, { user: auth.username })
      } else {
        authFailures++
        const error = Object.assign(new Error('Authentication credentials invalid'), {
          responseCode: 535
        })
        callback(error)
      }
    },
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase()
      const n = (attempts.get(to) ?? 0) + 1
      attempts.set(to, n)
      const refused = options.reject?.get(to)
      if (refused !== undefined) {
        callback(Object.assign(new Error(refused), { responseCode: 550 }))
        return
      }
      const defer = options.deferFirst?.get(to) ?? 0
      if (n <= defer) {
        callback(
          Object.assign(new Error('4.7.0 Try again later, closing connection'), {
            responseCode: 421
          })
        )
        return
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        received.push({
          messageId: headerMessageId(raw),
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          bytes: raw.length,
          at: Date.now(),
          secure: session.secure,
          ...(options.keep ? { raw } : {})
        })
        callback()
      })
    }
  })
  // A client that hangs up mid-handshake (Kiln reading the certificate) is not a server failure.
  server.on('error', () => undefined)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    received,
    attempts,
    authFailures: () => authFailures,
    logins: () => logins,
    parse: async (index) => {
      const raw = received[index]?.raw
      if (!raw) throw new Error(`message ${index} was not kept`)
      return simpleParser(raw, { keepCidLinks: true })
    },
    countsByMessageId: () => {
      const counts = new Map<string, number>()
      for (const r of received) counts.set(r.messageId, (counts.get(r.messageId) ?? 0) + 1)
      return counts
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
