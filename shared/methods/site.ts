/**
 * Contract methods of the badge site's look and of recipients' personal badge pages.
 *
 * CONTRACT (stable):
 * site:settings {language?, brandColor?, accentColor?, logoSha256?, linkedInOrganizationId?}
 *   → SiteSettingsView. Without fields: read. With them: change them (null clears one; a logo is
 *   an image stored by badges:uploadImage). The next bundle export renders every page with them.
 * site:showcase {recipientId} → Showcase: the recipient's personal page address and their active
 *   badges in page order, each with `hidden`.
 * site:setShowcase {recipientId, order, hidden} → Showcase: staff set the order (award ids, first
 *   shown first; awards not named follow, newest first) and which awards the page leaves out.
 *   Unknown or other people's award ids: INVALID_INPUT with the field.
 */
import { z } from 'zod'

import { SITE_LANGUAGES, type SiteLanguage } from '../site-languages.js'

export { SITE_LANGUAGES, type SiteLanguage }

const hexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'is not a colour like #1f4e79')
  .transform((s) => s.toLowerCase())
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'is not an image id')
const id = z.string().trim().min(1).max(200)

export const siteMethods = {
  'site:settings': z.strictObject({
    language: z.enum(SITE_LANGUAGES).optional(),
    brandColor: hexColor.nullable().optional(),
    accentColor: hexColor.nullable().optional(),
    logoSha256: sha256.nullable().optional(),
    /** LinkedIn's numeric company id: "Add to profile" then links the issuer's LinkedIn page. */
    linkedInOrganizationId: z
      .string()
      .trim()
      .regex(/^\d{1,20}$/, 'is not a LinkedIn organisation number')
      .nullable()
      .optional()
  }),
  'site:showcase': z.strictObject({ recipientId: id }),
  'site:setShowcase': z.strictObject({
    recipientId: id,
    order: z.array(id).max(10_000),
    hidden: z.array(id).max(10_000)
  })
} as const

export type SiteSettings = Readonly<{
  language: SiteLanguage
  brandColor?: string
  accentColor?: string
  logoSha256?: string
  linkedInOrganizationId?: string
}>

export type SiteSettingsView = Readonly<{
  settings: SiteSettings
  /** The colours used when none is set. */
  defaults: Readonly<{ brandColor: string; accentColor: string }>
}>

export type ShowcaseBadge = Readonly<{
  awardId: string
  badgeName: string
  issuedAt: string
  hidden: boolean
}>

export type Showcase = Readonly<{
  recipientId: string
  name: string
  /** The personal page (unguessable, noindex, linked from no other page). */
  pageUrl: string
  badges: readonly ShowcaseBadge[]
}>

export type SiteResults = {
  'site:settings': SiteSettingsView
  'site:showcase': Showcase
  'site:setShowcase': Showcase
}
