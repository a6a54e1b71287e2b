/**
 * Certificate PDFs with pdfkit: one page per award, the signed credential attached to
 * the document as an embedded file (so `kiln verify certificate.pdf` can check it).
 * In a batch every image is opened once and embedded once, the QR code is vector.
 */
import PDFDocument from 'pdfkit'
import { fail } from '../failure.js'
import type { CertificateData } from './certificate-data.js'
import { fontFile } from './fonts.js'
import type { Assets, PdfImage, Signer } from './page-parts.js'
import { drawTemplate, type TemplateName } from './templates.js'

export type PageSize = 'a4' | 'letter'

export type CertificateOptions = Readonly<{
  template: TemplateName
  pageSize: PageSize
  signer?: Signer
  /** PNG or JPEG bytes. */
  signatureImage?: Buffer
  logoImage?: Buffer
}>

export type RenderHooks = Readonly<{
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
  /** Gives the event loop back when the current slice is used up (a job's JobControl.yieldIfDue). */
  yieldIfDue?: () => Promise<void>
}>

/** Name of the attachment for one award's credential. */
export function attachmentName(awardId: string): string {
  return `credential-${awardId}.json`
}

type PdfExtras = {
  openImage(src: Buffer): PdfImage
  file(
    src: Buffer,
    options: Readonly<{
      name: string
      type: string
      description: string
      relationship: string
      creationDate: Date
      modifiedDate: Date
    }>
  ): unknown
}

function openImage(doc: PDFKit.PDFDocument, bytes: Buffer, what: string): PdfImage {
  try {
    return (doc as unknown as PdfExtras).openImage(bytes)
  } catch (error) {
    return fail(
      'IMAGE_REJECTED',
      `The ${what} image cannot be read (PNG or JPEG): ${(error as Error).message}`
    )
  }
}

/** Renders the awards (loaded lazily by `load`) into one PDF, one page each, in order. */
export async function renderCertificates(
  awardIds: readonly string[],
  load: (awardId: string) => CertificateData,
  options: CertificateOptions,
  hooks: RenderHooks = {}
): Promise<Buffer> {
  if (awardIds.length === 0) fail('INVALID_INPUT', 'No awards to print.', { field: 'awardIds' })
  const doc = new PDFDocument({
    size: options.pageSize === 'letter' ? 'LETTER' : 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    // Never the built-in Helvetica: pdfkit's standard fonts break when bundled (TOOLCHAIN §4.6).
    font: fontFile('latin'),
    compress: true,
    displayTitle: true,
    info: { Title: 'Certificates', Creator: 'Kiln', Producer: 'Kiln (pdfkit)' }
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  const badgeImages = new Map<string, PdfImage>()
  const shared = {
    ...(options.logoImage ? { logo: openImage(doc, options.logoImage, 'logo') } : {}),
    ...(options.signatureImage
      ? { signature: openImage(doc, options.signatureImage, 'signature') }
      : {})
  }
  const signer = options.signer ?? {}
  const total = awardIds.length
  for (let i = 0; i < total; i++) {
    if (hooks.signal?.aborted) {
      fail('CANCELLED', 'The certificate export was cancelled; no file was written.')
    }
    const data = load(awardIds[i] as string)
    let badge: PdfImage | undefined
    if (data.image && data.imageKey) {
      badge = badgeImages.get(data.imageKey)
      if (!badge) {
        badge = openImage(doc, data.image, 'badge')
        badgeImages.set(data.imageKey, badge)
      }
    }
    if (i === 0 && total === 1) {
      doc.info.Title = `${data.achievementName}: ${data.recipientName}`
      doc.info.Subject = `Certificate for ${data.recipientName}, issued by ${data.issuerName}`
      doc.info.Author = data.issuerName
    }
    doc.addPage()
    const assets: Assets = { ...shared, ...(badge ? { badge } : {}) }
    drawTemplate(options.template, {
      doc,
      data,
      width: doc.page.width,
      height: doc.page.height,
      assets,
      signer
    })
    const when = new Date(Date.parse(data.awardedDate) || 0)
    ;(doc as unknown as PdfExtras).file(Buffer.from(data.credentialJson, 'utf8'), {
      name: attachmentName(data.awardId),
      type: 'application/vc+ld+json',
      description: `Open Badges 3.0 credential: ${data.achievementName}, ${data.recipientName}`,
      relationship: 'Data',
      creationDate: when,
      modifiedDate: when
    })
    hooks.onProgress?.(i + 1, total)
    await hooks.yieldIfDue?.()
  }
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
