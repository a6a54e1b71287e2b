/**
 * The designer's form values, their mapping to badges:create / badges:update inputs, and the
 * checks and error mapping that put a sentence next to the field that needs attention.
 */
import type { z } from 'zod'
import { badgeCreateSchema, type badgeUpdateSchema } from '../../../../shared/methods/badges.js'
import type { KilnError } from '../../../../shared/result.js'
import type { Badge } from '../../../../shared/types.js'
import type { BadgeDesign } from './design-source.js'

export type CreateInput = z.input<typeof badgeCreateSchema>
export type UpdateInput = z.input<typeof badgeUpdateSchema>

export type AlignmentValues = Readonly<{
  key: number
  targetName: string
  targetUrl: string
  targetFramework: string
  targetCode: string
}>

export type ExpiryKind = 'never' | 'months' | 'date'
export type ImageMode = 'design' | 'upload'

export type DesignerValues = Readonly<{
  name: string
  description: string
  criteriaNarrative: string
  criteriaUrl: string
  tags: string
  achievementType: string
  credits: string
  fieldOfStudy: string
  humanCode: string
  alignments: readonly AlignmentValues[]
  expiryKind: ExpiryKind
  expiryMonths: string
  expiryDate: string
  evidencePrompt: string
  /** Search engines may index its credential pages. */
  public: boolean
  imageMode: ImageMode
  /** The stored image the badge uses in 'upload' mode (badges:uploadImage or the badge's own). */
  imageSha256: string
}>

/** Error sentences keyed by field name ('name', 'alignments.0.targetUrl', 'design', 'image', …). */
export type FieldErrors = Readonly<Record<string, string>>

export const EMPTY_VALUES: DesignerValues = {
  name: '',
  description: '',
  criteriaNarrative: '',
  criteriaUrl: '',
  tags: '',
  achievementType: 'Badge',
  credits: '',
  fieldOfStudy: '',
  humanCode: '',
  alignments: [],
  expiryKind: 'never',
  expiryMonths: '12',
  expiryDate: '',
  evidencePrompt: '',
  public: false,
  imageMode: 'design',
  imageSha256: ''
}

export function valuesFromBadge(badge: Badge): DesignerValues {
  const c = badge.content
  return {
    name: c.name,
    description: c.description,
    criteriaNarrative: c.criteria.narrative ?? '',
    criteriaUrl: c.criteria.url ?? '',
    tags: c.tags.join(', '),
    achievementType: c.achievementType,
    credits: c.creditsAvailable === undefined ? '' : String(c.creditsAvailable),
    fieldOfStudy: c.fieldOfStudy ?? '',
    humanCode: c.humanCode ?? '',
    alignments: c.alignments.map((a, key) => ({
      key,
      targetName: a.targetName,
      targetUrl: a.targetUrl,
      targetFramework: a.targetFramework ?? '',
      targetCode: a.targetCode ?? ''
    })),
    expiryKind: c.expiry.kind,
    expiryMonths: c.expiry.kind === 'months' ? String(c.expiry.months) : '12',
    expiryDate: c.expiry.kind === 'date' ? c.expiry.date.slice(0, 10) : '',
    evidencePrompt: c.evidencePrompt ?? '',
    public: badge.public === true,
    imageMode: c.design ? 'design' : 'upload',
    imageSha256: c.design ? '' : (c.imageSha256 ?? '')
  }
}

const text = (value: string): string | undefined => value.trim() || undefined

function expiryOf(values: DesignerValues): CreateInput['expiry'] {
  if (values.expiryKind === 'months') return { kind: 'months', months: Number(values.expiryMonths) }
  if (values.expiryKind === 'date') {
    // The badge expires at the end of the chosen day (UTC).
    return { kind: 'date', date: values.expiryDate ? `${values.expiryDate}T23:59:59Z` : '' }
  }
  return { kind: 'never' }
}

function fieldsOf(values: DesignerValues) {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    tags: [
      ...new Set(
        values.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      )
    ],
    achievementType: values.achievementType,
    alignments: values.alignments.map((a) => ({
      targetName: a.targetName.trim(),
      targetUrl: a.targetUrl.trim(),
      ...(text(a.targetFramework) ? { targetFramework: a.targetFramework.trim() } : {}),
      ...(text(a.targetCode) ? { targetCode: a.targetCode.trim() } : {})
    })),
    expiry: expiryOf(values)
  }
}

export function toCreateInput(values: DesignerValues, design: BadgeDesign): CreateInput {
  const credits = values.credits.trim()
  return {
    ...fieldsOf(values),
    ...(text(values.criteriaNarrative)
      ? { criteriaNarrative: values.criteriaNarrative.trim() }
      : {}),
    ...(text(values.criteriaUrl) ? { criteriaUrl: values.criteriaUrl.trim() } : {}),
    ...(credits ? { creditsAvailable: Number(credits) } : {}),
    ...(text(values.fieldOfStudy) ? { fieldOfStudy: values.fieldOfStudy.trim() } : {}),
    ...(text(values.humanCode) ? { humanCode: values.humanCode.trim() } : {}),
    ...(text(values.evidencePrompt) ? { evidencePrompt: values.evidencePrompt.trim() } : {}),
    ...(values.public ? { public: true } : {}),
    ...(values.imageMode === 'design'
      ? { design }
      : values.imageSha256
        ? { imageSha256: values.imageSha256 }
        : {})
  }
}

/** Every field is sent (cleared optional ones as null); the image only when it changed. */
export function toUpdateInput(
  badge: Badge,
  values: DesignerValues,
  design: BadgeDesign
): UpdateInput {
  const credits = values.credits.trim()
  const sameUpload = !badge.content.design && values.imageSha256 === badge.content.imageSha256
  const sameDesign = JSON.stringify(badge.content.design) === JSON.stringify(design)
  return {
    id: badge.id,
    ...fieldsOf(values),
    criteriaNarrative: text(values.criteriaNarrative) ?? null,
    criteriaUrl: text(values.criteriaUrl) ?? null,
    creditsAvailable: credits ? Number(credits) : null,
    fieldOfStudy: text(values.fieldOfStudy) ?? null,
    humanCode: text(values.humanCode) ?? null,
    evidencePrompt: text(values.evidencePrompt) ?? null,
    public: values.public,
    ...(values.imageMode === 'design'
      ? sameDesign
        ? {}
        : { design }
      : values.imageSha256 && !sameUpload
        ? { imageSha256: values.imageSha256 }
        : {})
  }
}

/** Sentences for the common mistakes; anything else uses the schema's own words. */
const FRIENDLY: Readonly<Record<string, string>> = {
  name: 'Give the badge a name, for example “Conference Speaker 2026”.',
  description: 'Say in a sentence or two what the badge recognises.',
  criteriaNarrative: 'Say how someone earns the badge, or give the web address of its criteria.',
  criteriaUrl: 'Enter a full web address that starts with https://, or leave this empty.',
  creditsAvailable: 'Enter a positive number of credits, such as 1.5, or leave this empty.',
  'expiry.months': 'Enter a whole number of months from 1 to 1200.',
  'expiry.date': 'Choose the date the badge expires.'
}

function friendly(path: string, message: string): string {
  if (/^alignments\.\d+\.targetUrl$/.test(path)) {
    return 'Enter the full web address of the competency, starting with https://.'
  }
  if (/^alignments\.\d+\.targetName$/.test(path)) return 'Name the competency or standard.'
  return FRIENDLY[path] ?? `This ${message}.`
}

/** Which form field shows an error at this schema path. */
export function fieldForPath(path: string): string {
  if (path.startsWith('design.lines.')) return path
  if (path.startsWith('design')) return 'design'
  if (path === 'imageBase64' || path === 'imageSha256') return 'image'
  return path
}

function collect(
  issues: ReadonlyArray<Readonly<{ path: string; message: string }>>
): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const field = fieldForPath(issue.path)
    errors[field] ??= friendly(issue.path, issue.message)
  }
  return errors
}

/** Local checks with the contract's own schema, before anything is sent. */
export function validateDesigner(values: DesignerValues, design: BadgeDesign): FieldErrors {
  const errors: Record<string, string> = {}
  const credits = values.credits.trim()
  if (credits && !(Number(credits) > 0)) errors.creditsAvailable = FRIENDLY.creditsAvailable ?? ''
  if (values.imageMode === 'upload' && !values.imageSha256) {
    errors.image = 'Choose a PNG, JPEG or SVG file for the badge image, or use the designer.'
  }
  const parsed = badgeCreateSchema.safeParse(toCreateInput(values, design))
  if (parsed.success) return errors
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  return { ...collect(issues), ...errors }
}

/** Field errors carried by a failed Result (`details.issues` or `details.field`). */
export function fieldErrorsFrom(error: KilnError): FieldErrors {
  const errors = collect(error.details?.issues ?? [])
  const field = error.details?.field
  if (typeof field === 'string') errors[fieldForPath(field)] ??= error.message
  if (error.code === 'IMAGE_REJECTED') errors.image ??= error.message
  return errors
}
