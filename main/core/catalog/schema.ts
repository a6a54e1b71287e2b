/**
 * The schema of station.json (the catalog) as this Kiln writes it: issuer profile, site URL, the
 * keys' public parts, badges and their frozen versions, rules and settings. Reading checks the
 * shape (types and required fields), not the input rules (lengths, URL forms) that were checked
 * when each value was entered; older files are brought to this shape by migrations.ts first.
 */
import { z } from 'zod'
import { badgeDesignSchema } from '../../../shared/design/design-schema.js'
import type { BadgeContent, IssuerProfile } from '../../../shared/types.js'
import type { Rule } from '../../../shared/rules-types.js'
import type { BackupSettings } from '../../../shared/methods/station.js'
import { sealedSecretsSchema } from '../keys/secrets.js'
import { mailSettingsSchema } from '../delivery/mail-schema.js'
import { siteSettingsSchema } from '../site/site-settings-schema.js'
import { personalPagesSchema } from '../site/personal-pages-schema.js'
import { publishSectionSchema } from '../publish/targets-schema.js'
import { deskSectionSchema } from '../desk/desk-schema.js'

export const CATALOG_FORMAT = 'kiln-station/1'

const expiry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('months'), months: z.number().int().positive() }),
  z.object({ kind: z.literal('date'), date: z.string() })
])

const alignment = z.object({
  targetName: z.string(),
  targetUrl: z.string(),
  targetFramework: z.string().optional(),
  targetCode: z.string().optional(),
  targetDescription: z.string().optional()
})

/**
 * A saved design: the designer's shape, without the input rules of its text lines (hidden
 * characters are refused when a design is saved since the trust work; a design saved before must
 * still open).
 */
const storedDesign = badgeDesignSchema.extend({ lines: z.array(z.string()) })

const badgeContent = z.object({
  name: z.string(),
  description: z.string(),
  criteria: z.object({ narrative: z.string().optional(), url: z.string().optional() }),
  tags: z.array(z.string()).readonly(),
  achievementType: z.string(),
  creditsAvailable: z.number().optional(),
  fieldOfStudy: z.string().optional(),
  humanCode: z.string().optional(),
  alignments: z.array(alignment).readonly(),
  expiry,
  imageSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  design: storedDesign.optional(),
  evidencePrompt: z.string().optional()
}) satisfies z.ZodType<BadgeContent>

const badgeRecord = z.object({
  id: z.string().min(1),
  status: z.enum(['draft', 'published', 'archived']),
  createdAt: z.string(),
  updatedAt: z.string(),
  content: badgeContent,
  versions: z.array(
    z.object({
      version: z.number().int().positive(),
      publishedAt: z.string(),
      content: badgeContent
    })
  ),
  /** Credential pages of public badges may be indexed; the default is noindex. */
  public: z.boolean().optional()
})

const ruleCommon = {
  id: z.string().min(1),
  name: z.string(),
  awardBadgeId: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string()
}
const rule = z.discriminatedUnion('kind', [
  z.object({
    ...ruleCommon,
    kind: z.literal('attendance'),
    minSessions: z.number().int().positive(),
    tag: z.string()
  }),
  z.object({
    ...ruleCommon,
    kind: z.literal('pathway'),
    requiredBadgeIds: z.array(z.string()).readonly()
  }),
  z.object({
    ...ruleCommon,
    kind: z.literal('credits'),
    minCredits: z.number().positive(),
    fromBadgeIds: z.array(z.string()).readonly().optional()
  })
]) satisfies z.ZodType<Rule>

const backupSettings = z.object({
  folder: z.string().optional(),
  intervalHours: z.number().int().positive().optional(),
  keep: z.number().int().positive().optional()
}) satisfies z.ZodType<BackupSettings>

const issuer = z.object({
  id: z.string().min(1),
  type: z.tuple([z.literal('Profile')]).readonly(),
  name: z.string(),
  url: z.string(),
  email: z.string().optional()
}) satisfies z.ZodType<IssuerProfile>

export const stationKeySchema = z.object({
  publicKeyMultibase: z.string().min(1),
  verificationMethod: z.string().min(1),
  createdAt: z.string()
})

export const catalogSchema = z.object({
  format: z.literal(CATALOG_FORMAT),
  /** The number of the last migration applied (migrations.ts). */
  schemaVersion: z.number().int().nonnegative(),
  stationId: z.string().min(1),
  createdAt: z.string(),
  /** Normalised with a trailing slash. */
  siteUrl: z.string().min(1),
  didMethod: z.enum(['web', 'key']),
  issuer,
  keys: z.array(stationKeySchema).min(1),
  statusList: z.object({ url: z.string().min(1), lengthBits: z.number().int().positive() }),
  badges: z.array(badgeRecord),
  /** Automatic awarding rules. */
  rules: z.array(rule),
  /**
   * Station settings: where and how often to back up; e-mail delivery (delivery/mail-schema.ts);
   * the badge site's language, colours and logo (site/site-settings-schema.ts).
   */
  settings: z
    .object({
      backup: backupSettings.optional(),
      mail: mailSettingsSchema.optional(),
      site: siteSettingsSchema.optional()
    })
    .optional(),
  /** Personal badge pages: the page key their addresses derive from, and each showcase. */
  personalPages: personalPagesSchema,
  /** Publish targets and automatic publishing (publish/targets-schema.ts). */
  publish: publishSectionSchema.optional(),
  /**
   * Passwords and keys of the station's connections (SMTP, publish targets), each sealed by the
   * station key for its purpose (keys/secrets.ts); never plaintext.
   */
  secrets: sealedSecretsSchema.optional(),
  /**
   * Desk mode (desk/desk-schema.ts): present while it is on. Optional and new, so no migration:
   * a file without it is a station outside desk mode.
   */
  desk: deskSectionSchema.optional()
})
