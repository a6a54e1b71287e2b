/**
 * The mail server, through nodemailer: a pooled SMTP transport (connections from the settings;
 * the rate per minute is kept by the sending run, pacer.ts), the test message, and what a failure
 * means for the message: a 4xx or a dropped connection is temporary (retried with backoff), a 5xx
 * is permanent (the reason is kept and shown on the award), an unreachable server means the
 * computer is offline; a refused login, a server that wants STARTTLS, a wrong port for TLS or a
 * certificate Kiln does not trust are the settings' problem. nodemailer's own retry on a dropped
 * connection is off (maxRequeues 0): Kiln decides, so a message is never handed over twice
 * behind its back.
 *
 * Certificates (security starttls or tls): one that a public CA vouches for and that names the
 * host is accepted as by any mail program (Node's CA list; NODE_EXTRA_CA_CERTS adds a company
 * CA). A self-hosted server's self-signed certificate is pinned on first use (smtp-trust.ts) and
 * from then on exactly that certificate is also accepted, whatever name it carries.
 */
import tls from 'node:tls'
import { z } from 'zod'
import type Nodemailer from 'nodemailer'
import type { SendMailOptions, Transporter } from 'nodemailer'
import { lazyRequire } from '../platform/lazy-require.js'
import type { DeliveryError } from '../../../shared/methods/delivery.js'
import type { ComposedMessage } from './compose.js'
import type { SmtpAccess } from './mail-settings.js'
import { fingerprintOf } from './smtp-certificate.js'

export type SmtpTransport = Transporter

// Loaded with the first transport: opening a station (and `kiln status`) sends no mail.
const nodemailer = lazyRequire<typeof Nodemailer>('nodemailer')

/** The TLS side of a connection: the CAs as usual, plus the pinned certificate if there is one. */
function tlsOptions(access: SmtpAccess): tls.ConnectionOptions {
  const pin = access.pinned
  if (!pin) return { minVersion: 'TLSv1.2' }
  return {
    minVersion: 'TLSv1.2',
    ca: [...tls.rootCertificates, pin.pem],
    checkServerIdentity: (host, cert) =>
      fingerprintOf(cert.raw) === pin.fingerprint ? undefined : tls.checkServerIdentity(host, cert)
  }
}

/** Options shared by the pool and the single test connection. */
function baseOptions(access: SmtpAccess): {
  host: string
  port: number
  secure: boolean
  requireTLS: boolean
  ignoreTLS: boolean
  tls?: tls.ConnectionOptions
  auth?: { user: string; pass: string }
  connectionTimeout: number
  greetingTimeout: number
  socketTimeout: number
  logger: false
  debug: false
  disableFileAccess: true
  disableUrlAccess: true
} {
  return {
    host: access.host,
    port: access.port,
    secure: access.security === 'tls',
    requireTLS: access.security === 'starttls',
    ignoreTLS: access.security === 'none',
    ...(access.security !== 'none' ? { tls: tlsOptions(access) } : {}),
    ...(access.user ? { auth: { user: access.user, pass: access.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    logger: false,
    debug: false,
    // Attachments are always bytes Kiln made: a message can never make it read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true
  }
}

export function createPool(access: SmtpAccess): SmtpTransport {
  return nodemailer().createTransport({
    ...baseOptions(access),
    pool: true,
    maxConnections: access.connections,
    maxMessages: 100,
    maxRequeues: 0
  })
}

export function createSingle(access: SmtpAccess): SmtpTransport {
  return nodemailer().createTransport(baseOptions(access))
}

export function mailOptions(message: ComposedMessage): SendMailOptions {
  return {
    from: { name: message.from.name, address: message.from.address },
    to: { name: message.to.name, address: message.to.address },
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: { ...message.headers },
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' as const } : {})
    }))
  }
}

const errorShape = z.object({
  code: z.string().optional(),
  originalCode: z.string().optional(),
  command: z.string().optional(),
  responseCode: z.number().int().optional(),
  response: z.string().optional(),
  message: z.string().optional()
})

const UNREACHABLE = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'EDNS',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ETIMEDOUT'
])

/** OpenSSL's and Node's reasons for not trusting a certificate. */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').slice(0, 500)
}

/** A TLS connection failed because Kiln does not trust the server's certificate. */
export function isUntrustedCertificate(error: unknown): boolean {
  const parsed = errorShape.safeParse(error)
  if (!parsed.success) return false
  return (
    UNTRUSTED_CERTIFICATE.has(parsed.data.originalCode ?? '') ||
    UNTRUSTED_CERTIFICATE.has(parsed.data.code ?? '')
  )
}

/** What a failed send means (never throws; the message never includes the password). */
export function classifyFailure(error: unknown): DeliveryError {
  const parsed = errorShape.safeParse(error)
  const e = parsed.success ? parsed.data : {}
  const detail = firstLine(e.response ?? e.message ?? String(error))
  const code = e.responseCode
  if (code !== undefined && code >= 500 && /STARTTLS/i.test(detail)) {
    return {
      kind: 'setup',
      message: `The mail server accepts a login only over an encrypted connection, and security is set to none: choose STARTTLS (Settings → E-mail, or kiln mail setup --security starttls). The server said: ${detail}`,
      code
    }
  }
  if (UNTRUSTED_CERTIFICATE.has(e.originalCode ?? '') || UNTRUSTED_CERTIFICATE.has(e.code ?? '')) {
    return {
      kind: 'setup',
      message: `Kiln does not trust the mail server’s certificate (${detail}); nothing was sent.`
    }
  }
  if (
    e.originalCode === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    /wrong version number/i.test(e.message ?? '')
  ) {
    return {
      kind: 'setup',
      message:
        'The mail server does not speak TLS from the start on this port: choose STARTTLS (usually port 587), or the port for TLS (usually 465).'
    }
  }
  if (e.code === 'ETLS' && e.command === 'STARTTLS') {
    return {
      kind: 'setup',
      message: `The mail server did not start an encrypted connection (STARTTLS): ${detail}. Check the port, or whether it offers TLS from the start (usually port 465).`
    }
  }
  if (e.code === 'EAUTH') {
    return {
      kind: 'setup',
      message: `The mail server refused the user name or password: ${detail}`,
      ...(code ? { code } : {})
    }
  }
  if (e.code === 'ETLS') {
    return { kind: 'setup', message: `The secure connection to the mail server failed: ${detail}` }
  }
  if (code !== undefined && code >= 500) return { kind: 'permanent', message: detail, code }
  if (code !== undefined && code >= 400) return { kind: 'temporary', message: detail, code }
  const connecting = e.command === 'CONN' && code === undefined
  if (connecting || UNREACHABLE.has(e.code ?? '') || UNREACHABLE.has(e.originalCode ?? '')) {
    return { kind: 'offline', message: `The mail server cannot be reached: ${detail}` }
  }
  return { kind: 'temporary', message: detail }
}

/** The server's reply to an accepted message ("250 OK: queued as …"). */
export function responseOf(info: unknown): string {
  const parsed = z.object({ response: z.string() }).safeParse(info)
  return parsed.success ? firstLine(parsed.data.response) : ''
}
