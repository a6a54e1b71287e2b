/**
 * Names of files that a person recognises in a Downloads folder or a zip:
 * "Ana Müller - Speaker NOSS 2026.pdf", not an award id. Letters of every script stay; only
 * characters that a file system refuses (/ \ : * ? " < > | and control characters) go, and
 * leading or trailing dots (hidden files, Windows). The renderer names downloads with it and
 * the core names the PDFs inside a certificates zip.
 */
const REFUSED = new Set(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])

function allowed(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0
  return !REFUSED.has(ch) && code >= 0x20 && code !== 0x7f
}

export function fileNamePart(text: string): string {
  const kept = [...text].map((ch) => (allowed(ch) ? ch : ' ')).join('')
  return kept
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/^[.\s]+|[.\s]+$/g, '')
}

/** "<part> - <part>.<ext>" from the parts that are not empty, else "<fallback>.<ext>". */
export function exportFileName(
  parts: readonly string[],
  extension: string,
  fallback = 'export'
): string {
  const kept = parts.map(fileNamePart).filter(Boolean)
  return `${kept.length > 0 ? kept.join(' - ') : fileNamePart(fallback) || 'export'}.${extension}`
}

/** "<recipient> - <badge>.<ext>", falling back to `fallback` when both are empty. */
export function awardFileName(
  recipientName: string,
  badgeName: string,
  extension: string,
  fallback = 'credential'
): string {
  return exportFileName([recipientName, badgeName], extension, fallback)
}

/** `name` itself, or "name (2).ext", "name (3).ext"… when `used` has it; the result joins `used`. */
export function uniqueFileName(name: string, used: Set<string>): string {
  const dot = name.lastIndexOf('.')
  const stem = dot > 0 ? name.slice(0, dot) : name
  const extension = dot > 0 ? name.slice(dot) : ''
  let candidate = name
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`
  used.add(candidate.toLowerCase())
  return candidate
}

/** The day as files are dated: 2026-05-12 (local time). */
export function fileDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
