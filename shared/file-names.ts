/**
 * Names of downloaded files that a person recognises in a Downloads folder:
 * "Ana Müller - Speaker NOSS 2026.pdf", not an award id. Letters of every script stay; only
 * characters that a file system refuses (/ \ : * ? " < > | and control characters) go.
 */
const REFUSED = new Set(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])

function allowed(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0
  return !REFUSED.has(ch) && code >= 0x20 && code !== 0x7f
}

export function fileNamePart(text: string): string {
  const kept = [...text].map((ch) => (allowed(ch) ? ch : ' ')).join('')
  return kept.replace(/\s+/g, ' ').trim().slice(0, 80).trim()
}

/** "<recipient> - <badge>.<ext>", falling back to `fallback` when both are empty. */
export function awardFileName(
  recipientName: string,
  badgeName: string,
  extension: string,
  fallback = 'credential'
): string {
  const parts = [fileNamePart(recipientName), fileNamePart(badgeName)].filter(Boolean)
  return `${parts.length > 0 ? parts.join(' - ') : fallback}.${extension}`
}
