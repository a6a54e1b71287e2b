/**
 * One outbox message, made when it is about to leave (never kept: memory stays flat however long
 * the queue): headers, a text part and an HTML part from the badge's template, the badge image
 * inline by Content-ID, the baked PNG (always: the same bytes `kiln export credential --format
 * png` writes) and the PDF certificate when the badge's template asks for it.
 * Header values come from the award (names with CR/LF are made one line) and nodemailer encodes
 * them; every value is escaped for the part it lands in.
 */
import type { MessageTemplate } from '../../../shared/methods/delivery.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import { findBadge } from '../badges/badge-service.js'
import { readImage } from '../badges/images.js'
import { slugify } from '../station/ids.js'
import { bakedPng, credentialFileText } from '../site/baked-files.js'
import { certificateData } from '../pdf/certificate-data.js'
import { renderHtml, type HtmlLink } from './html-mail.js'
import { awardLinks } from './links.js'
import { readMailSettings, templateFor, type StoredMail } from './mail-settings.js'
import { fillTemplate, oneLine, renderSubject, type TemplateValues } from './templates.js'

export type MailAddress = Readonly<{ name: string; address: string }>

export type MailAttachment = Readonly<{
  filename: string
  content: Buffer
  contentType: string
  /** Set for the inline badge image the HTML part shows. */
  cid?: string
}>

export type ComposedMessage = Readonly<{
  id: string
  awardId: string
  messageId: string
  from: MailAddress
  to: MailAddress
  replyTo?: string
  subject: string
  text: string
  html: string
  attachments: readonly MailAttachment[]
  headers: Readonly<Record<string, string>>
}>

export const BADGE_IMAGE_CID = 'badge-image@kiln'

function day(iso: string): string {
  return iso.slice(0, 10)
}

/** Builds messages for one run: each badge image is read once. */
export class Composer {
  private readonly station: Station
  private readonly settings: StoredMail
  private readonly images = new Map<string, Buffer>()

  constructor(station: Station) {
    this.station = station
    this.settings = readMailSettings(station)
  }

  private image(sha: string): Buffer {
    let image = this.images.get(sha)
    if (!image) {
      image = readImage(this.station.paths.images, sha)
      this.images.set(sha, image)
    }
    return image
  }

  /** The message of an outbox entry, or of an award with a template being edited (preview). */
  async compose(
    id: string,
    options: { template?: MessageTemplate; imageSrc?: 'cid' | 'data' } = {}
  ): Promise<ComposedMessage> {
    const queued = this.station.outbox.queuedData(id)
    const awardId = queued?.awardId ?? id
    return this.composeFor(awardId, { id, messageId: queued?.messageId ?? '', ...options })
  }

  async composeFor(
    awardId: string,
    o: {
      id: string
      messageId: string
      template?: MessageTemplate
      imageSrc?: 'cid' | 'data'
    }
  ): Promise<ComposedMessage> {
    const station = this.station
    const record = station.awards.record(awardId)
    const credentialJson = station.awards.credentialJson(awardId)
    if (!record || credentialJson === undefined) {
      fail('NOT_FOUND', `There is no award with id "${awardId}".`, { field: 'awardId' })
    }
    const catalog = station.catalog
    const badge = findBadge(station, record.badgeId)
    const version = badge.versions.find((v) => v.version === record.badgeVersion)
    const content = version?.content ?? badge.content
    const template = o.template ?? templateFor(this.settings, record.badgeId)
    const links = awardLinks(station, record, content.name)
    const values: TemplateValues = {
      name: record.recipientName,
      badge: content.name,
      issuer: catalog.issuer.name,
      date: day(record.awardedDate),
      credentialUrl: links.credentialUrl,
      linkedInUrl: links.linkedInUrl,
      imageUrl: links.imageUrl,
      personalPageUrl: links.personalPageUrl ?? ''
    }
    const replaces = record.replacesAwardId !== undefined
    const preface = replaces
      ? `This badge replaces the credential for “${oneLine(content.name)}” we issued to you earlier, which has been corrected and withdrawn. Please keep this one and delete the earlier one.`
      : undefined
    const subject = (replaces ? 'Corrected: ' : '') + renderSubject(template.subject, values)
    const linkList: HtmlLink[] = [
      { label: 'View and verify your credential', url: links.credentialUrl },
      { label: 'Add it to your LinkedIn profile', url: links.linkedInUrl },
      { label: 'Download the badge image', url: links.imageUrl },
      ...(links.personalPageUrl ? [{ label: 'All your badges', url: links.personalPageUrl }] : [])
    ]
    const footer =
      `Sent by ${oneLine(catalog.issuer.name)} (${catalog.issuer.url}). ` +
      'Your badge is an Open Badges 3.0 credential signed by the issuer; the attached image carries it, so it can be verified anywhere.'
    const textBody = fillTemplate(template.body, values, (v) => v)
    const text = [
      ...(preface ? [preface, ''] : []),
      textBody.trim(),
      '',
      ...linkList.map((l) => `${l.label}: ${l.url}`),
      '',
      '-- ',
      footer,
      ''
    ].join('\n')

    const sha = content.imageSha256
    const credential: unknown = JSON.parse(credentialJson)
    const attachments: MailAttachment[] = []
    let imageSrc: string | undefined
    if (sha) {
      const plain = this.image(sha)
      imageSrc =
        o.imageSrc === 'data'
          ? `data:image/png;base64,${plain.toString('base64')}`
          : `cid:${BADGE_IMAGE_CID}`
      attachments.push({
        filename: 'badge.png',
        content: plain,
        contentType: 'image/png',
        cid: BADGE_IMAGE_CID
      })
      attachments.push({
        filename: `${slugify(content.name)}.png`,
        // The same bytes as `kiln export credential --format png` and the site's download.
        content: Buffer.from(bakedPng(plain, credential)),
        contentType: 'image/png'
      })
    } else {
      attachments.push({
        filename: `${slugify(content.name)}.json`,
        content: Buffer.from(credentialFileText(credential), 'utf8'),
        contentType: 'application/vc+ld+json'
      })
    }
    if (template.attachPdf) {
      // pdfkit and the fonts load with the first certificate, not with the station.
      const { renderCertificates } = await import('../pdf/render.js')
      const pdf = await renderCertificates([awardId], (a) => certificateData(station, a), {
        template: 'classic',
        pageSize: 'a4'
      })
      attachments.push({
        filename: `${slugify(content.name)}-certificate.pdf`,
        content: pdf,
        contentType: 'application/pdf'
      })
    }
    const html = renderHtml({
      ...(preface ? { preface } : {}),
      body: template.body,
      values,
      badgeName: content.name,
      issuerName: catalog.issuer.name,
      ...(imageSrc ? { imageSrc } : {}),
      links: linkList,
      footer
    })
    const smtp = this.settings.smtp
    return {
      id: o.id,
      awardId,
      messageId: o.messageId,
      from: { name: oneLine(catalog.issuer.name), address: smtp?.from ?? '' },
      to: { name: oneLine(record.recipientName), address: record.recipientEmail },
      ...(smtp?.replyTo ? { replyTo: smtp.replyTo } : {}),
      subject,
      text,
      html,
      attachments,
      headers: {
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'OOF, AutoReply'
      }
    }
  }
}
