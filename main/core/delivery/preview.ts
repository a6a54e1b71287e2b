/** The live preview of a message for a real award, with the template being edited. */
import type { MailPreview, MessageTemplate } from '../../../shared/methods/delivery.js'
import type { Station } from '../station/station.js'
import { fail } from '../failure.js'
import { Composer } from './compose.js'
import { messageIdFor } from './queue.js'
import { checkTemplate } from './templates.js'

export async function previewMessage(
  station: Station,
  awardId: string,
  template: { subject: string; body: string; attachPdf?: boolean } | undefined
): Promise<MailPreview> {
  station.requireInitialized()
  if (!station.awards.record(awardId)) {
    fail('NOT_FOUND', `There is no award with id "${awardId}".`, { field: 'awardId' })
  }
  const edited: MessageTemplate | undefined = template
    ? { subject: template.subject, body: template.body, attachPdf: template.attachPdf ?? false }
    : undefined
  if (edited) checkTemplate(edited)
  const id = station.outbox.latestOf(awardId) ?? awardId
  const message = await new Composer(station).composeFor(awardId, {
    id,
    messageId: station.outbox.queuedData(id)?.messageId ?? messageIdFor(station, id),
    ...(edited ? { template: edited } : {}),
    imageSrc: 'data'
  })
  return {
    to: `${message.to.name} <${message.to.address}>`,
    subject: message.subject,
    text: message.text,
    // The page showing it may apply no style="" (its CSP): the styles travel as data-style and
    // the preview sets them through the CSSOM. Every value in the HTML is escaped (a quote is
    // &quot;), so ' style="' only ever starts one of Kiln's own attributes.
    html: message.html.replaceAll(' style="', ' data-style="'),
    attachments: message.attachments
      .filter((a) => a.cid === undefined)
      .map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: a.content.length })),
    messageId: message.messageId
  }
}
