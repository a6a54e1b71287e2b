/**
 * Input schemas for every contract method. Everything that crosses into the core
 * (IPC, HTTP, CLI flags, files) is `unknown` until one of these passes it.
 */
import { z } from 'zod'
import { normaliseEmail } from './email.js'
import { hiddenCharacterProblem } from './human-text.js'

const trimmed = (max: number) => z.string().trim().min(1).max(max)

/** A refinement that refuses invisible control and bidi characters (human-text.ts). */
export function refuseHiddenCharacters(multiline = false) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const problem = hiddenCharacterProblem(value, { multiline })
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  }
}

/**
 * One line of text a person typed and others read (a name, a badge name, the operator, the
 * issuer's name): trimmed, 1..max characters, no invisible control or direction characters.
 */
export const humanText = (max: number) =>
  z.string().trim().min(1).max(max).superRefine(refuseHiddenCharacters())

/** Like humanText, but tabs and line breaks are allowed (descriptions, narratives, reasons). */
export const humanParagraph = (max: number) =>
  z.string().trim().min(1).max(max).superRefine(refuseHiddenCharacters(true))

export const httpsUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must start with https:// (or http:// for testing)')

export const emailSchema = z
  .string()
  // NFC, trimmed, lower-cased: the one normalisation of email.ts (hashing, matching, duplicates).
  .transform(normaliseEmail)
  // Unicode local parts (zoë@…) are valid addresses (RFC 6531); people have them.
  .pipe(z.email({ pattern: z.regexes.unicodeEmail, message: 'is not an e-mail address' }))

export const passphraseSchema = z.string().min(1, 'is required').max(1024)

export const initInputSchema = z.strictObject({
  issuerName: humanText(200),
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
  targetName: humanText(300),
  targetUrl: httpsUrl,
  targetFramework: humanText(300).optional(),
  targetCode: humanText(100).optional(),
  targetDescription: humanParagraph(2000).optional()
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
