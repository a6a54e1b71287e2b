/**
 * Certificate templates. "classic": a framed, centred page in navy and gold.
 * "modern": a colour band holding the badge and the QR code, text set flush left.
 * Both work on landscape A4 and US Letter; every text box shrinks to fit.
 */
import {
  certificateTitle,
  drawBadge,
  drawFacts,
  drawImage,
  drawSignature,
  drawVerifyBlock,
  type PageContext,
  type Palette
} from './page-parts.js'
import { drawBigLine, drawLine, drawParagraph } from './text.js'

export type TemplateName = 'classic' | 'modern'

export const TEMPLATE_NAMES: readonly TemplateName[] = ['classic', 'modern']

const CLASSIC: Palette = { ink: '#1d2a44', muted: '#5b6477', accent: '#a8844a', rule: '#a8844a' }

function classicFrame(ctx: PageContext): void {
  const { doc, width: W, height: H } = ctx
  doc.save()
  doc
    .rect(20, 20, W - 40, H - 40)
    .lineWidth(1)
    .strokeColor(CLASSIC.accent)
    .stroke()
  doc
    .rect(27, 27, W - 54, H - 54)
    .lineWidth(2.6)
    .strokeColor(CLASSIC.ink)
    .stroke()
  doc
    .rect(33, 33, W - 66, H - 66)
    .lineWidth(0.5)
    .strokeColor(CLASSIC.accent)
    .stroke()
  for (const [x, y] of [
    [27, 27],
    [W - 27, 27],
    [27, H - 27],
    [W - 27, H - 27]
  ] as const) {
    doc
      .polygon([x, y - 7], [x + 7, y], [x, y + 7], [x - 7, y])
      .fillColor(CLASSIC.accent)
      .fill()
  }
  doc.restore()
}

function ornamentRule(ctx: PageContext, cx: number, y: number, half: number): void {
  const { doc } = ctx
  doc.save().lineWidth(0.7).strokeColor(CLASSIC.accent)
  doc
    .moveTo(cx - half, y)
    .lineTo(cx - 8, y)
    .stroke()
  doc
    .moveTo(cx + 8, y)
    .lineTo(cx + half, y)
    .stroke()
  doc
    .polygon([cx, y - 3.5], [cx + 3.5, y], [cx, y + 3.5], [cx - 3.5, y])
    .fillColor(CLASSIC.accent)
    .fill()
  doc.restore()
}

function classic(ctx: PageContext): void {
  const { doc, data, width: W, height: H, assets } = ctx
  classicFrame(ctx)
  const inner = { x: 90, width: W - 180 }
  if (assets.logo) drawImage(doc, assets.logo, 52, 48, 100, 40)
  drawLine(
    doc,
    data.issuerName.toUpperCase(),
    { ...inner, baseline: 64 },
    {
      weight: 'regular',
      size: 9.5,
      minSize: 6.5,
      color: CLASSIC.accent,
      characterSpacing: 2.4
    }
  )
  drawBadge(ctx, W / 2, 122, 92, CLASSIC)
  drawLine(
    doc,
    certificateTitle(data).toUpperCase(),
    { ...inner, baseline: 202 },
    {
      weight: 'regular',
      size: 23,
      minSize: 14,
      color: CLASSIC.ink,
      characterSpacing: 4.5
    }
  )
  drawLine(
    doc,
    'This certifies that',
    { ...inner, baseline: 228 },
    {
      weight: 'italic',
      size: 12,
      minSize: 10,
      color: CLASSIC.muted
    }
  )
  drawBigLine(
    doc,
    data.recipientName,
    { x: 110, width: W - 220, baseline: 276 },
    {
      weight: 'bold',
      size: 36,
      minSize: 14,
      color: CLASSIC.ink
    },
    'center'
  )
  ornamentRule(ctx, W / 2, 292, 150)
  drawLine(
    doc,
    'has successfully earned',
    { ...inner, baseline: 318 },
    {
      weight: 'italic',
      size: 12,
      minSize: 10,
      color: CLASSIC.muted
    }
  )
  const below = drawBigLine(
    doc,
    data.achievementName,
    { x: 120, width: W - 240, baseline: 346 },
    {
      weight: 'bold',
      size: 21,
      minSize: 11,
      color: CLASSIC.accent
    },
    'center',
    0.7,
    'down'
  )
  drawParagraph(
    doc,
    data.achievementDescription,
    { x: 150, y: 356 + below, width: W - 300, height: 42 - below },
    {
      weight: 'regular',
      size: 10,
      minSize: 8,
      color: CLASSIC.muted
    }
  )
  const footTop = H - 150
  drawFacts(ctx, 64, footTop + 8, 170, CLASSIC, 'left')
  drawSignature(ctx, W / 2, H - 84, 210, CLASSIC)
  drawVerifyBlock(ctx, W - 64 - 64 - 150 - 10, footTop + 32, 64, 150, CLASSIC)
}

const MODERN: Palette = { ink: '#14213d', muted: '#5c677d', accent: '#0f6e78', rule: '#9aa5b1' }
const BAND = '#0f3d4c'
const ON_BAND: Palette = { ink: '#ffffff', muted: '#cfe3e6', accent: '#7fd1d8', rule: '#7fd1d8' }

function modern(ctx: PageContext): void {
  const { doc, data, width: W, height: H, assets } = ctx
  const band = Math.round(W * 0.3)
  doc.save().rect(0, 0, band, H).fillColor(BAND).fill()
  doc.rect(band, 0, 6, H).fillColor(MODERN.accent).fill().restore()
  // Badge on a white disc.
  const cy = H * 0.34
  doc
    .save()
    .circle(band / 2, cy, 86)
    .fillColor('#ffffff')
    .fill()
    .restore()
  drawBadge(ctx, band / 2, cy, 132, MODERN)
  if (assets.logo) {
    doc
      .save()
      .roundedRect(band / 2 - 64, cy + 104, 128, 48, 4)
      .fillColor('#ffffff')
      .fill()
      .restore()
    drawImage(doc, assets.logo, band / 2 - 58, cy + 108, 116, 40)
  } else {
    drawLine(
      doc,
      data.issuerName,
      { x: 24, width: band - 48, baseline: cy + 126 },
      {
        weight: 'bold',
        size: 13,
        minSize: 8,
        color: ON_BAND.ink
      }
    )
  }
  drawVerifyBlock(ctx, 34, H - 178, 64, band - 58, ON_BAND, { qrPlate: '#ffffff', textBelow: true })

  const x = band + 56
  const width = W - x - 56
  drawLine(
    doc,
    data.issuerName.toUpperCase(),
    { x, width, baseline: 78 },
    {
      weight: 'bold',
      size: 9,
      minSize: 6.5,
      color: MODERN.accent,
      characterSpacing: 2
    },
    'left'
  )
  drawLine(
    doc,
    certificateTitle(data),
    { x, width, baseline: 122 },
    {
      weight: 'bold',
      size: 30,
      minSize: 16,
      color: MODERN.ink
    },
    'left'
  )
  doc.save().rect(x, 138, 44, 3).fillColor(MODERN.accent).fill().restore()
  drawLine(
    doc,
    'PRESENTED TO',
    { x, width, baseline: 186 },
    {
      weight: 'regular',
      size: 8.5,
      minSize: 7,
      color: MODERN.muted,
      characterSpacing: 2
    },
    'left'
  )
  drawBigLine(
    doc,
    data.recipientName,
    { x, width, baseline: 232 },
    {
      weight: 'bold',
      size: 38,
      minSize: 14,
      color: MODERN.ink
    },
    'left',
    0.58
  )
  drawLine(
    doc,
    'FOR EARNING',
    { x, width, baseline: 276 },
    {
      weight: 'regular',
      size: 8.5,
      minSize: 7,
      color: MODERN.muted,
      characterSpacing: 2
    },
    'left'
  )
  const below = drawBigLine(
    doc,
    data.achievementName,
    { x, width, baseline: 304 },
    {
      weight: 'bold',
      size: 21,
      minSize: 11,
      color: MODERN.accent
    },
    'left',
    0.7,
    'down'
  )
  drawParagraph(
    doc,
    data.achievementDescription,
    { x, y: 318 + below, width: width - 20, height: 56 - below },
    {
      weight: 'regular',
      size: 10.5,
      minSize: 8,
      color: MODERN.muted
    },
    'left'
  )
  drawFacts(ctx, x, H - 150, 150, MODERN, 'left')
  drawSignature(ctx, W - 56 - 105, H - 80, 210, MODERN)
}

export function drawTemplate(name: TemplateName, ctx: PageContext): void {
  if (name === 'modern') modern(ctx)
  else classic(ctx)
}
