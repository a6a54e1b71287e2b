/**
 * Reads the certificate a mail server presents, to pin it on first use: connect, (for STARTTLS)
 * greeting → EHLO → STARTTLS, finish the TLS handshake without judging the certificate, take it,
 * say QUIT. No login and no message is ever sent on this connection. Hand-written because
 * nodemailer has no hook between the handshake and the login for a certificate no CA vouches
 * for: it either refuses it or trusts it blindly.
 */
import net from 'node:net'
import tls from 'node:tls'
import { X509Certificate } from 'node:crypto'
import type { SmtpSecurity } from '../../../shared/methods/delivery.js'

export type SeenCertificate = Readonly<{
  /** "SHA256:AB:CD:…", as the publish targets' FTPS certificates are shown. */
  fingerprint: string
  /** The certificate itself (public), to trust exactly it on later connections. */
  pem: string
}>

export type ProbeTarget = Readonly<{ host: string; port: number; security: SmtpSecurity }>

const TIMEOUT_MS = 15_000

export function fingerprintOf(raw: Buffer): string {
  return `SHA256:${new X509Certificate(raw).fingerprint256}`
}

/** SNI wants a host name, never an IP literal (RFC 6066). */
export function serverName(host: string): string | undefined {
  return net.isIP(host) === 0 ? host : undefined
}

class Lines {
  private buffer = ''
  private waiting: ((reply: string) => void) | undefined
  private readonly replies: string[] = []

  /** A reply is complete at a line "NNN text" (a "NNN-" line continues it). */
  push(chunk: string): void {
    this.buffer += chunk
    for (;;) {
      const match = /(^|\n)\d{3}(?: [^\n]*)?\r?\n/.exec(this.buffer)
      if (!match) return
      const end = match.index + match[0].length
      const reply = this.buffer.slice(0, end)
      this.buffer = this.buffer.slice(end)
      const wake = this.waiting
      this.waiting = undefined
      if (wake) wake(reply)
      else this.replies.push(reply)
    }
  }

  next(): Promise<string> {
    const ready = this.replies.shift()
    if (ready !== undefined) return Promise.resolve(ready)
    return new Promise((resolve) => (this.waiting = resolve))
  }
}

function lastCode(reply: string): number {
  const lines = reply.trimEnd().split(/\r?\n/)
  return Number((lines.at(-1) ?? '').slice(0, 3))
}

async function startTls(socket: net.Socket, lines: Lines): Promise<void> {
  const expect = async (what: string, code: number): Promise<void> => {
    const reply = await lines.next()
    if (lastCode(reply) !== code) {
      throw new Error(`${what}: ${reply.trim().split(/\r?\n/).at(-1) ?? ''}`)
    }
  }
  await expect('greeting', 220)
  socket.write('EHLO kiln.invalid\r\n')
  await expect('EHLO', 250)
  socket.write('STARTTLS\r\n')
  await expect('STARTTLS', 220)
}

function handshake(options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secured = tls.connect({ ...options, rejectUnauthorized: false }, () => resolve(secured))
    secured.once('error', reject)
  })
}

/** The server's certificate (a network failure or a server that does not start TLS rejects). */
export async function probeCertificate(target: ProbeTarget): Promise<SeenCertificate> {
  const servername = serverName(target.host)
  let plain: net.Socket | undefined
  let secured: tls.TLSSocket | undefined
  const timer = setTimeout(() => {
    const error = new Error('the mail server did not answer in time')
    plain?.destroy(error)
    secured?.destroy(error)
  }, TIMEOUT_MS)
  try {
    if (target.security === 'tls') {
      secured = await handshake({
        host: target.host,
        port: target.port,
        ...(servername ? { servername } : {})
      })
    } else {
      const socket = net.connect({ host: target.host, port: target.port })
      plain = socket
      const lines = new Lines()
      const failed = new Promise<never>((_, reject) => socket.once('error', reject))
      socket.on('data', (chunk: Buffer) => lines.push(chunk.toString('latin1')))
      await Promise.race([startTls(socket, lines), failed])
      socket.removeAllListeners('data')
      secured = await Promise.race([
        handshake({ socket, ...(servername ? { servername } : {}) }),
        failed
      ])
    }
    // Whatever happens on these sockets from now on is of no interest.
    secured.on('error', () => undefined)
    plain?.on('error', () => undefined)
    const raw = secured.getPeerCertificate().raw
    if (!raw) throw new Error('the mail server presented no certificate')
    const seen: SeenCertificate = {
      fingerprint: fingerprintOf(raw),
      pem: new X509Certificate(raw).toString()
    }
    secured.end('QUIT\r\n')
    return seen
  } finally {
    clearTimeout(timer)
    secured?.destroySoon()
    plain?.destroySoon()
  }
}
