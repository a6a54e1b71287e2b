/**
 * The HTML part of a badge message, written for mail clients rather than browsers: one table
 * 600 px wide, inline styles only, no web fonts, no script, no external resource (the badge image
 * travels with the message and is referenced by Content-ID), links as plain anchors with the
 * URL also in the text part. Every value is escaped for HTML here; templates are text.
 */
import { escapeAttr, escapeHtml, safeUrl } from '../site/escape.js'
import { fillTemplate, LINK_PLACEHOLDERS, type TemplateValues } from './templates.js'

export type HtmlLink = Readonly<{ label: string; url: string }>

export type HtmlMessage = Readonly<{
  preface?: string
  body: string
  values: TemplateValues
  badgeName: string
  issuerName: string
  /** cid: (in the message) or data: (in the preview) URL of the badge image. */
  imageSrc?: string
  links: readonly HtmlLink[]
  footer: string
}>

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"

function paragraph(html: string): string {
  return `<p style="margin:0 0 16px 0;${FONT};font-size:16px;line-height:24px;color:#1f2328">${html}</p>`
}

/** The body template as HTML paragraphs: text escaped, line breaks kept, link values clickable. */
export function bodyHtml(body: string, values: TemplateValues): string {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) =>
      paragraph(
        fillTemplate(
          block,
          values,
          (value, name) =>
            LINK_PLACEHOLDERS.has(name) && value !== ''
              ? `<a href="${escapeAttr(safeUrl(value))}" style="color:#0b5cad">${escapeHtml(value)}</a>`
              : escapeHtml(value),
          (text) => escapeHtml(text).replace(/\r?\n/g, '<br>')
        )
      )
    )
    .join('\n')
}

function button(link: HtmlLink): string {
  return (
    `<tr><td style="padding:0 0 10px 0"><a href="${escapeAttr(safeUrl(link.url))}" ` +
    `style="display:inline-block;padding:10px 18px;border-radius:6px;background:#0b5cad;color:#ffffff;` +
    `${FONT};font-size:15px;font-weight:600;text-decoration:none">${escapeHtml(link.label)}</a></td></tr>`
  )
}

export function renderHtml(message: HtmlMessage): string {
  const image = message.imageSrc
    ? `<tr><td align="center" style="padding:24px 0 8px 0"><img src="${escapeAttr(message.imageSrc)}" width="160" height="160" alt="${escapeAttr(message.badgeName)}" style="display:block;width:160px;height:160px;border:0"></td></tr>`
    : ''
  const preface = message.preface
    ? `<p style="margin:0 0 16px 0;padding:12px 14px;border-left:4px solid #b35900;background:#fff7ed;${FONT};font-size:15px;line-height:22px;color:#1f2328">${escapeHtml(message.preface)}</p>`
    : ''
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(message.badgeName)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f5f7">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px">',
    image,
    `<tr><td style="padding:16px 32px 8px 32px">${preface}${bodyHtml(message.body, message.values)}</td></tr>`,
    `<tr><td style="padding:0 32px 16px 32px"><table role="presentation" cellpadding="0" cellspacing="0" border="0">${message.links.map(button).join('')}</table></td></tr>`,
    `<tr><td style="padding:16px 32px 24px 32px;border-top:1px solid #e5e7eb;${FONT};font-size:13px;line-height:19px;color:#57606a">${escapeHtml(message.footer)}</td></tr>`,
    '</table></td></tr></table>',
    '</body></html>'
  ].join('\n')
}
