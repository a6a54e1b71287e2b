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

export const idInputSchema = z.strictObject({ id: trimmed(200) })

export const empty = z.strictObject({})

export type InitInput = z.input<typeof initInputSchema>
