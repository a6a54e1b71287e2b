/**
 * The shape of station.json's settings.site (part of the catalog's schema): the badge site's
 * language, the issuer's colours and logo, and the LinkedIn organisation id.
 */
import { z } from 'zod'
import { SITE_LANGUAGES } from '../../../shared/site-languages.js'

const colour = z.string().regex(/^#[0-9a-f]{6}$/)

export const siteSettingsSchema = z.strictObject({
  language: z.enum(SITE_LANGUAGES),
  brandColor: colour.optional(),
  accentColor: colour.optional(),
  logoSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  linkedInOrganizationId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional()
})
