/** Identifiers. Award ids are random (128 bits): they appear in public URLs, so they must not be guessable. */
import { randomBytes, randomUUID } from 'node:crypto'

export function newAwardId(): string {
  return randomUUID()
}

export function newStationId(): string {
  return 'st' + randomBytes(5).toString('hex')
}

export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '')
  return slug || 'badge'
}

export function newBadgeId(name: string): string {
  return `${slugify(name)}-${randomBytes(3).toString('hex')}`
}

/** The site URL with exactly one trailing slash, so relative paths join cleanly. */
export function normaliseSiteUrl(siteUrl: string): string {
  const url = new URL(siteUrl)
  url.hash = ''
  url.search = ''
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url.toString()
}
