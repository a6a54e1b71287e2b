/** "Send a test message": one message over one connection, to see the settings work. */
import { fail, KilnFailure } from '../failure.js'
import type { Station } from '../station/station.js'
import { smtpAccess } from './mail-settings.js'
import { oneLine } from './templates.js'
import { classifyFailure, createSingle, responseOf, type SmtpTransport } from './smtp.js'

export async function sendTestMessage(
  station: Station,
  to: string
): Promise<{ messageId: string; response: string; pinned?: string }> {
  station.requireInitialized()
  const access = smtpAccess(station)
  const issuer = oneLine(station.catalog.issuer.name)
  let transport: SmtpTransport | undefined
  try {
    const trusted = await station.delivery.trust.connect(access, createSingle)
    transport = trusted.transport
    const info: unknown = await transport.sendMail({
      from: { name: issuer, address: access.from },
      to,
      ...(access.replyTo ? { replyTo: access.replyTo } : {}),
      subject: `Kiln test message from ${issuer}`,
      text:
        `This is a test message from the Kiln station of ${issuer}.\n\n` +
        `If you can read it, e-mail from Kiln works: badge messages will leave through ${access.host}.\n`,
      headers: { 'Auto-Submitted': 'auto-generated' }
    })
    station.delivery.runtime.markOnline()
    const messageId =
      typeof info === 'object' &&
      info !== null &&
      'messageId' in info &&
      typeof info.messageId === 'string'
        ? info.messageId
        : ''
    return {
      messageId,
      response: responseOf(info),
      ...(trusted.pinned ? { pinned: trusted.pinned } : {})
    }
  } catch (error) {
    if (error instanceof KilnFailure) throw error
    const failure = classifyFailure(error)
    if (failure.kind === 'offline') {
      station.delivery.runtime.markOffline(failure.message)
      fail('OFFLINE', failure.message)
    }
    return fail('MAIL_REFUSED', failure.message, { reason: failure.message })
  } finally {
    transport?.close()
  }
}
