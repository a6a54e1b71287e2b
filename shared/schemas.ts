/**
 * Input schemas for every contract method. Everything that crosses into the core
 * (IPC, HTTP, CLI flags, files) is `unknown` until one of these passes it.
 */
import { z } from 'zod'

const trimmed = (max: number) => z.string().trim().min(1).max(max)

export const httpsUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must start with https:// (or http:// for testing)')

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  // Unicode local parts (zoë@…) are valid addresses (RFC 6531); people have them.
  .pipe(z.email({ pattern: z.regexes.unicodeEmail, message: 'is not an e-mail address' }))

export const passphraseSchema = z.string().min(1, 'is required').max(1024)

export const initInputSchema = z.strictObject({
  issuerName: trimmed(200),
  issuerUrl: httpsUrl,
  siteUrl: httpsUrl,
  issuerEmail: emailSchema.optional(),
  did: z.enum(['web', 'key']).default('web'),
  passphrase: z.string().min(8, 'must be at least 8 characters').max(1024)
})

export const expiryPolicySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('never') }),
  z.strictObject({ kind: z.literal('months'), months: z.number().int().min(1).max(1200) }),
  z.strictObject({ kind: z.literal('date'), date: z.iso.datetime({ offset: true }) })
])

export const alignmentSchema = z.strictObject({
  targetName: trimmed(300),
  targetUrl: httpsUrl,
  targetFramework: trimmed(300).optional(),
  targetCode: trimmed(100).optional(),
  targetDescription: trimmed(2000).optional()
})

export const ACHIEVEMENT_TYPES = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma'
] as const

export const achievementTypeSchema = z.union([
  z.enum(ACHIEVEMENT_TYPES),
  z.string().regex(/^ext:[A-Za-z0-9.\-_]+$/, 'must be a known type or ext:Name')
])

export const badgeInputSchema = z
  .strictObject({
    name: trimmed(200),
    description: trimmed(5000),
    criteriaNarrative: trimmed(20000).optional(),
    criteriaUrl: httpsUrl.optional(),
    tags: z.array(trimmed(60)).max(50).default([]),
    achievementType: achievementTypeSchema.default('Badge'),
    creditsAvailable: z.number().positive().max(10000).optional(),
    fieldOfStudy: trimmed(200).optional(),
    humanCode: trimmed(60).optional(),
    alignments: z.array(alignmentSchema).max(50).default([]),
    expiry: expiryPolicySchema.default({ kind: 'never' }),
    /** A PNG/SVG/JPEG image as base64, checked and sanitised by the core. */
    imageBase64: z.string().max(15_000_000).optional()
  })
  .refine((b) => b.criteriaNarrative !== undefined || b.criteriaUrl !== undefined, {
    message: 'give criteria as text or a URL',
    path: ['criteriaNarrative']
  })

export const idInputSchema = z.strictObject({ id: trimmed(200) })

export const awardInputSchema = z.strictObject({
  badgeId: trimmed(200),
  email: emailSchema,
  name: trimmed(300),
  narrative: trimmed(20000).optional(),
  evidenceUrl: httpsUrl.optional(),
  operator: trimmed(100).optional()
})

export const empty = z.strictObject({})

export type InitInput = z.input<typeof initInputSchema>
export type BadgeInput = z.input<typeof badgeInputSchema>
export type AwardInput = z.input<typeof awardInputSchema>
