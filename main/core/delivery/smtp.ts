/**
 * The mail server, through nodemailer: a pooled SMTP transport (connections and a rate per
 * minute from the settings), the test message, and what a failure means for the message: a 4xx
 * or a dropped connection is temporary (retried with backoff), a 5xx is permanent (the reason is
 * kept and shown on the award), an unreachable server means the computer is offline, a refused
 * login or TLS failure is the settings' problem. nodemailer's own retry on a dropped connection
 * is off (maxRequeues 0): Kiln decides, so a message is never handed over twice behind its back.
 */
import { z } from 'zod'
import nodemailer from 'nodemailer'
import type { SendMailOptions, Transporter } from 'nodemailer'
import type { DeliveryError } from '../../../shared/methods/delivery.js'
import type { ComposedMessage } from './compose.js'
import type { SmtpAccess } from './mail-settings.js'

export type SmtpTransport = Transporter

/** Options shared by the pool and the single test connection. */
function baseOptions(access: SmtpAccess): {
  host: string
  port: number
  secure: boolean
  requireTLS: boolean
  ignoreTLS: boolean
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
  return nodemailer.createTransport({
    ...baseOptions(access),
    pool: true,
    maxConnections: access.connections,
    maxMessages: 100,
    maxRequeues: 0,
    ...(access.ratePerMinute ? { rateLimit: access.ratePerMinute, rateDelta: 60_000 } : {})
  })
}

export function createSingle(access: SmtpAccess): SmtpTransport {
  return nodemailer.createTransport(baseOptions(access))
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

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').slice(0, 500)
}

/** What a failed send means (never throws; the message never includes the password). */
export function classifyFailure(error: unknown): DeliveryError {
  const parsed = errorShape.safeParse(error)
  const e = parsed.success ? parsed.data : {}
  const detail = firstLine(e.response ?? e.message ?? String(error))
  const code = e.responseCode
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
