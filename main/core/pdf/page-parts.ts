/** Pieces both templates draw: the facts (dates, credits), the signature, the QR block, the badge. */
import type { CertificateData } from './certificate-data.js'
import { drawQr } from './qr.js'
import { drawLine, drawParagraph, type Align } from './text.js'

type Doc = PDFKit.PDFDocument

/** An image opened once per document (pdfkit embeds it on first use and reuses the XObject). */
export type PdfImage = Readonly<{ width: number; height: number }>

export type Assets = Readonly<{
  badge?: PdfImage
  logo?: PdfImage
  signature?: PdfImage
}>

export type Signer = Readonly<{ name?: string; title?: string }>

export type PageContext = Readonly<{
  doc: Doc
  data: CertificateData
  width: number
  height: number
  assets: Assets
  signer: Signer
}>

type ImageDoc = {
  image(
    src: PdfImage,
    x: number,
    y: number,
    options: { fit: [number, number]; align: 'center'; valign: 'center' }
  ): unknown
}

/** Draws an opened image fitted (aspect kept) into a box. */
export function drawImage(
  doc: Doc,
  image: PdfImage,
  x: number,
  y: number,
  w: number,
  h: number
): void {
  ;(doc as unknown as ImageDoc).image(image, x, y, {
    fit: [w, h],
    align: 'center',
    valign: 'center'
  })
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC'
})

export function formatDate(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : DATE.format(new Date(time))
}

export function formatCredits(credits: number): string {
  const text = Number.isInteger(credits) ? String(credits) : String(Math.round(credits * 100) / 100)
  return `${text} CE ${credits === 1 ? 'credit' : 'credits'}`
}

/** Label/value pairs under the text: awarded, valid until, credits. */
export function facts(data: CertificateData): { label: string; value: string }[] {
  const list = [{ label: 'Awarded', value: formatDate(data.awardedDate) }]
  if (data.validUntil) list.push({ label: 'Valid until', value: formatDate(data.validUntil) })
  if (data.credits !== undefined) {
    list.push({ label: 'Continuing education', value: formatCredits(data.credits) })
  }
  return list
}

export type Palette = Readonly<{ ink: string; muted: string; accent: string; rule: string }>

/** Stacked label (small caps) over value, `align`ed in a column. */
export function drawFacts(
  ctx: PageContext,
  x: number,
  top: number,
  width: number,
  palette: Palette,
  align: Align
): void {
  let y = top
  for (const fact of facts(ctx.data)) {
    drawLine(
      ctx.doc,
      fact.label.toUpperCase(),
      { x, baseline: y + 8, width },
      {
        weight: 'regular',
        size: 7,
        minSize: 6,
        color: palette.muted,
        characterSpacing: 1.2
      },
      align
    )
    drawLine(
      ctx.doc,
      fact.value,
      { x, baseline: y + 22, width },
      {
        weight: 'bold',
        size: 11,
        minSize: 8,
        color: palette.ink
      },
      align
    )
    y += 31
  }
}

/** The signature image (if any) over a rule, with the signer's name and title under it. */
export function drawSignature(
  ctx: PageContext,
  cx: number,
  ruleY: number,
  width: number,
  palette: Palette
): void {
  const { doc, assets } = ctx
  const given = assets.signature || ctx.signer.name || ctx.signer.title
  // Without a named signer the issuing organisation signs.
  const signer: Signer = given ? ctx.signer : { name: ctx.data.issuerName, title: 'Issuer' }
  const x = cx - width / 2
  if (assets.signature) {
    drawImage(doc, assets.signature, x + width * 0.1, ruleY - 46, width * 0.8, 42)
  }
  doc
    .save()
    .moveTo(x, ruleY)
    .lineTo(x + width, ruleY)
    .lineWidth(0.6)
    .strokeColor(palette.rule)
    .stroke()
    .restore()
  let baseline = ruleY + 14
  if (signer.name) {
    drawLine(
      doc,
      signer.name,
      { x, baseline, width },
      { weight: 'bold', size: 10, minSize: 7, color: palette.ink }
    )
    baseline += 13
  }
  if (signer.title) {
    drawLine(
      doc,
      signer.title,
      { x, baseline, width },
      { weight: 'regular', size: 8.5, minSize: 6.5, color: palette.muted }
    )
  }
}

/** QR code to the credential's page, its short URL and the credential id beside/under it. */
export function drawVerifyBlock(
  ctx: PageContext,
  x: number,
  y: number,
  qrSide: number,
  textWidth: number,
  palette: Palette,
  options: Readonly<{ qrPlate?: string; textBelow?: boolean }> = {}
): void {
  const { doc, data } = ctx
  const { qrPlate, textBelow } = options
  if (qrPlate) {
    doc
      .save()
      .roundedRect(x - 5, y - 5, qrSide + 10, qrSide + 10, 4)
      .fillColor(qrPlate)
      .fill()
      .restore()
  }
  drawQr(doc, data.pageUrl, x, y, qrSide, qrPlate ? '#111111' : palette.ink)
  // Beside the code (four short rows), or under it (for a narrow column).
  const tx = textBelow ? x - (qrPlate ? 5 : 0) : x + qrSide + (qrPlate ? 14 : 10)
  const ty = textBelow ? y + qrSide + (qrPlate ? 14 : 9) : y
  const style = { weight: 'regular' as const, minSize: 5, color: palette.muted }
  drawLine(
    doc,
    'VERIFY THIS CREDENTIAL',
    { x: tx, baseline: ty + 9, width: textWidth },
    {
      ...style,
      size: 6.5,
      characterSpacing: 1
    },
    'left'
  )
  drawParagraph(
    doc,
    data.pageUrl.replace(/^https?:\/\//, ''),
    { x: tx, y: ty + 13, width: textWidth, height: 21 },
    {
      weight: 'bold',
      size: 7.5,
      minSize: 6,
      color: palette.ink,
      lineGap: 0.5,
      plain: true
    },
    'left'
  )
  drawLine(
    doc,
    'CREDENTIAL ID',
    { x: tx, baseline: ty + 43, width: textWidth },
    {
      ...style,
      size: 6.5,
      characterSpacing: 1
    },
    'left'
  )
  drawParagraph(
    doc,
    data.credentialId,
    { x: tx, y: ty + 46, width: textWidth, height: 20 },
    {
      weight: 'regular',
      size: 6.5,
      minSize: 5,
      color: palette.ink,
      lineGap: 0.5,
      plain: true
    },
    'left'
  )
  // The code links to the page.
  doc.link(x, y, qrSide, qrSide, data.pageUrl)
}

/** The title line; the achievement type picks the wording. */
export function certificateTitle(data: CertificateData): string {
  switch (data.achievementType) {
    case 'CertificateOfCompletion':
    case 'Course':
      return 'Certificate of Completion'
    case 'Certification':
    case 'License':
      return 'Certification'
    default:
      return 'Certificate of Achievement'
  }
}

/** A badge image, or a neutral seal when the badge has none. */
export function drawBadge(
  ctx: PageContext,
  cx: number,
  cy: number,
  side: number,
  palette: Palette
): void {
  const { doc, assets } = ctx
  if (assets.badge) {
    drawImage(doc, assets.badge, cx - side / 2, cy - side / 2, side, side)
    return
  }
  doc
    .save()
    .circle(cx, cy, side / 2)
    .lineWidth(2)
    .strokeColor(palette.accent)
    .stroke()
  doc
    .circle(cx, cy, side / 2 - 6)
    .lineWidth(0.6)
    .stroke()
    .restore()
}
