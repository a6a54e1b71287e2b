/** The languages of the badge site's fixed texts (zod-free, so the site's browser scripts can import it). */
export const SITE_LANGUAGES = ['en', 'de', 'fr', 'es'] as const
export type SiteLanguage = (typeof SITE_LANGUAGES)[number]

export function isSiteLanguage(value: unknown): value is SiteLanguage {
  return typeof value === 'string' && (SITE_LANGUAGES as readonly string[]).includes(value)
}
