/**
 * Contract methods of the badge catalog.
 *
 * ── Contract (stable; the renderer builds against it) ─────────────────────────────────────────
 * badges:list        {}                                   → { badges: Badge[] }   (no images inline)
 * badges:get         { id }                               → Badge                 (with versions[])
 * badges:create      BadgeFields & ImageChoice            → Badge (status 'draft')
 * badges:update      { id } & Partial<BadgeFields> & ImageChoice
 *                                                          → Badge
 *     draft: edited in place. published: a new version is frozen at once (status stays
 *     'published', versions grows by one; older versions and their images never change).
 *     archived: BADGE_ARCHIVED. Optional text fields accept null to remove them.
 * badges:publish     { id }                               → Badge (freezes version 1, or a new one if changed)
 * badges:archive     { id }                               → Badge (no new awards; existing awards stay valid)
 * badges:image       { id, version?, size? } | { sha256, size? }
 *                                                          → { sha256, pngBase64 }
 *     The badge's PNG (working copy, or a frozen version), or any stored image by hash (e.g. an
 *     uploaded icon). size (16–600, default 600) gives a smaller square thumbnail for lists.
 * badges:uploadImage { imageBase64 }                      → { sha256, pngBase64, width, height }
 *     Checks, sanitises (SVG) and converts (JPEG/SVG → PNG) an uploaded image and stores it as
 *     PNG; use the sha256 as design.icon {kind:'upload', sha256} or as imageSha256 below.
 *     Refused images: IMAGE_REJECTED with the reason; nothing is stored.
 * badges:renderPreview { design }                         → { svg, pngBase64 }
 *     The exact SVG and 600×600 PNG the station stores for this design.
 *
 * BadgeFields: name, description, criteriaNarrative?, criteriaUrl? (one of the two required on
 *   create), tags[], achievementType, creditsAvailable?, fieldOfStudy?, humanCode?, alignments[],
 *   expiry, evidencePrompt?
 * ImageChoice (at most one): design (BadgeDesign, rendered to PNG) | imageBase64 (PNG/JPEG/SVG
 *   upload) | imageSha256 (an image already stored by badges:uploadImage). None on create → a
 *   default design from the name; none on update → the image is unchanged.
 *
 * The renderer draws the live preview itself with renderDesignSvg() from shared/design/ (same
 * code as the main process) and lists icons from BUILTIN_ICONS / BUILTIN_ICON_NAMES there.
 * Badge.content.design holds the design JSON when the image came from the designer.
 */
import { z } from 'zod'
import {
  achievementTypeSchema,
  alignmentSchema,
  empty,
  expiryPolicySchema,
  httpsUrl,
  humanParagraph,
  humanText,
  idInputSchema
} from '../schemas.js'
import { badgeDesignSchema } from '../design/design-schema.js'
import type { Badge } from '../types.js'

const trimmed = (max: number) => z.string().trim().min(1).max(max)
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex')
/** Base64 of at most 5 MB of image bytes. */
const imageBase64 = z.string().max(7_000_000, 'the image is larger than 5 MB')

const badgeFields = {
  name: humanText(200),
  description: humanParagraph(5000),
  criteriaNarrative: humanParagraph(20000).optional(),
  criteriaUrl: httpsUrl.optional(),
  tags: z.array(humanText(60)).max(50).default([]),
  achievementType: achievementTypeSchema.default('Badge'),
  creditsAvailable: z.number().positive().max(10000).optional(),
  fieldOfStudy: humanText(200).optional(),
  humanCode: humanText(60).optional(),
  alignments: z.array(alignmentSchema).max(50).default([]),
  expiry: expiryPolicySchema.default({ kind: 'never' }),
  /** Shown to whoever awards the badge ("link to the talk recording"); not in the credential. */
  evidencePrompt: humanParagraph(500).optional(),
  /** Public badges' credential pages may be indexed by search engines; others carry noindex. */
  public: z.boolean().optional()
}

const imageChoice = {
  design: badgeDesignSchema.optional(),
  imageBase64: imageBase64.optional(),
  imageSha256: sha256Hex.optional()
}

function oneImage(b: { design?: unknown; imageBase64?: unknown; imageSha256?: unknown }): boolean {
  return [b.design, b.imageBase64, b.imageSha256].filter((v) => v !== undefined).length <= 1
}
const oneImageRule = {
  message: 'give at most one of design, imageBase64 and imageSha256',
  path: ['design']
}

export const badgeCreateSchema = z
  .strictObject({ ...badgeFields, ...imageChoice })
  .refine((b) => b.criteriaNarrative !== undefined || b.criteriaUrl !== undefined, {
    message: 'give criteria as text or a URL',
    path: ['criteriaNarrative']
  })
  .refine(oneImage, oneImageRule)

export const badgeUpdateSchema = z
  .strictObject({
    id: trimmed(200),
    name: badgeFields.name.optional(),
    description: badgeFields.description.optional(),
    criteriaNarrative: humanParagraph(20000).nullable().optional(),
    criteriaUrl: httpsUrl.nullable().optional(),
    tags: z.array(humanText(60)).max(50).optional(),
    achievementType: achievementTypeSchema.optional(),
    creditsAvailable: z.number().positive().max(10000).nullable().optional(),
    fieldOfStudy: humanText(200).nullable().optional(),
    humanCode: humanText(60).nullable().optional(),
    alignments: z.array(alignmentSchema).max(50).optional(),
    expiry: expiryPolicySchema.optional(),
    evidencePrompt: humanParagraph(500).nullable().optional(),
    public: z.boolean().optional(),
    ...imageChoice
  })
  .refine(oneImage, oneImageRule)

export const badgeImageSchema = z
  .strictObject({
    id: trimmed(200).optional(),
    version: z.number().int().min(1).optional(),
    sha256: sha256Hex.optional(),
    size: z.number().int().min(16).max(600).optional()
  })
  .refine((b) => (b.id === undefined) !== (b.sha256 === undefined), {
    message: 'give either id (with an optional version) or sha256',
    path: ['id']
  })

export const uploadImageSchema = z.strictObject({ imageBase64: imageBase64 })
export const renderPreviewSchema = z.strictObject({ design: badgeDesignSchema })

export const badgeMethods = {
  'badges:list': empty,
  'badges:get': idInputSchema,
  'badges:create': badgeCreateSchema,
  'badges:update': badgeUpdateSchema,
  'badges:publish': idInputSchema,
  'badges:archive': idInputSchema,
  'badges:image': badgeImageSchema,
  'badges:uploadImage': uploadImageSchema,
  'badges:renderPreview': renderPreviewSchema
} as const

export type BadgeImageResult = Readonly<{ sha256: string; pngBase64: string }>
export type UploadedImage = Readonly<{
  sha256: string
  pngBase64: string
  width: number
  height: number
}>

export type BadgeResults = {
  'badges:list': Readonly<{ badges: readonly Badge[] }>
  'badges:get': Badge
  'badges:create': Badge
  'badges:update': Badge
  'badges:publish': Badge
  'badges:archive': Badge
  'badges:image': BadgeImageResult
  'badges:uploadImage': UploadedImage
  'badges:renderPreview': Readonly<{ svg: string; pngBase64: string }>
}
