/**
 * Message templates: a subject and a plain-text body with {{placeholders}}, one per badge or a
 * station default. Hand-written (a dozen lines) rather than a template library: the only syntax
 * is {{name}}, every value must be escaped differently for the subject, the text part and the
 * HTML part, and nothing a template says may run code.
 */
import type { MessageTemplate } from '../../../shared/methods/delivery.js'
import { fail } from '../failure.js'

export const PLACEHOLDERS = [
  'name',
  'badge',
  'issuer',
  'date',
  'credentialUrl',
  'linkedInUrl',
  'imageUrl',
  'personalPageUrl'
] as const

export type Placeholder = (typeof PLACEHOLDERS)[number]
export type TemplateValues = Readonly<Record<Placeholder, string>>

/** Placeholders whose value is a link (the HTML part makes them clickable). */
export const LINK_PLACEHOLDERS: ReadonlySet<Placeholder> = new Set([
  'credentialUrl',
  'linkedInUrl',
  'imageUrl',
  'personalPageUrl'
])

export const DEFAULT_TEMPLATE: MessageTemplate = {
  subject: 'Your badge: {{badge}}',
  body: [
    'Hello {{name}},',
    '{{issuer}} has awarded you the badge “{{badge}}”.',
    'Your badge is attached to this message as an image with your credential baked into it: keep it, and share it wherever Open Badges are accepted. You can also view and verify it online, and add it to your LinkedIn profile, with the links below.',
    'Congratulations!'
  ].join('\n\n'),
  attachPdf: false
}

const TOKEN = /\{\{\s*([A-Za-z]+)\s*\}\}/g

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name)
}

/** Refuses a template naming a placeholder Kiln does not know (INVALID_INPUT, which and where). */
export function checkTemplate(template: MessageTemplate): void {
  for (const field of ['subject', 'body'] as const) {
    const unknown = [...template[field].matchAll(TOKEN)]
      .map((m) => m[1] ?? '')
      .filter((name) => !isPlaceholder(name))
    if (unknown.length > 0) {
      fail(
        'INVALID_INPUT',
        `The ${field} uses ${unknown.map((n) => `{{${n}}}`).join(', ')}, which Kiln does not know. Use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`,
        { field }
      )
    }
  }
}

/** Control characters, line and paragraph separators: none may come from a value. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

/** A value as one line of plain text (a name with CR/LF in it cannot start a new line). */
export function oneLine(value: string): string {
  return value.replace(CONTROL, ' ').trim()
}

/** Splits a template into literal text and placeholders, for each part to escape its own way. */
export function fillTemplate(
  template: string,
  values: TemplateValues,
  encode: (value: string, placeholder: Placeholder) => string,
  literal: (text: string) => string = (t) => t
): string {
  let out = ''
  let last = 0
  for (const match of template.matchAll(TOKEN)) {
    const name = match[1] ?? ''
    const at = match.index
    out += literal(template.slice(last, at))
    out += isPlaceholder(name) ? encode(oneLine(values[name]), name) : literal(match[0])
    last = at + match[0].length
  }
  return out + literal(template.slice(last))
}

/** The subject line: one line, at most 250 characters. */
export function renderSubject(template: string, values: TemplateValues): string {
  return oneLine(fillTemplate(template, values, (v) => v)).slice(0, 250)
}
