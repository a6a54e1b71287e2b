/**
 * Contract methods of PDF certificates: preview one, export one or a batch. An export is a job
 * (kind 'certificates:export'): it returns {jobId, total} at once; follow it with jobs:get /
 * 'job:progress', stop it with jobs:cancel; its result says where the file was written.
 */
import { z } from 'zod'
import { humanText } from '../schemas.js'

export const CERTIFICATE_TEMPLATES = ['classic', 'modern'] as const
export const CERTIFICATE_PAGE_SIZES = ['a4', 'letter'] as const

const id = z.string().trim().min(1).max(200)
/** Base64 of a PNG or JPEG, at most ~2 MB. */
const imageBase64 = z
  .string()
  .max(2_800_000)
  .regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64')

export const certificateStyleSchema = z.strictObject({
  template: z.enum(CERTIFICATE_TEMPLATES).default('classic'),
  pageSize: z.enum(CERTIFICATE_PAGE_SIZES).default('a4'),
  signerName: humanText(200).optional(),
  signerTitle: humanText(200).optional(),
  signatureImageBase64: imageBase64.optional(),
  logoImageBase64: imageBase64.optional()
})

/** One award's certificate, or (badgeId) the certificate of the badge's first printable award. */
export const certificatePreviewSchema = certificateStyleSchema
  .extend({ awardId: id.optional(), badgeId: id.optional() })
  .refine((v) => Boolean(v.awardId) !== Boolean(v.badgeId), {
    message: 'give either awardId or badgeId',
    path: ['awardId']
  })

export const certificateExportSchema = certificateStyleSchema
  .extend({
    awardIds: z.array(id).min(1).max(100_000).optional(),
    badgeId: id.optional(),
    mode: z.enum(['single-pdf', 'zip']).default('single-pdf'),
    /**
     * Absolute path of the file to write (.pdf, or .zip in zip mode). Without it the file
     * goes to the station's exports/ folder under a fresh name (the job reports where).
     */
    outFile: z.string().trim().min(1).max(4096).optional(),
    overwrite: z.boolean().default(false)
  })
  .refine((v) => (v.awardIds ? !v.badgeId : Boolean(v.badgeId)), {
    message: 'give either awardIds or badgeId',
    path: ['awardIds']
  })

export const certificateMethods = {
  'certificates:preview': certificatePreviewSchema,
  'certificates:export': certificateExportSchema
} as const

export type CertificateResults = {
  'certificates:preview': Readonly<{ pdfBase64: string; filename: string }>
  'certificates:export': Readonly<{ jobId: string; total: number }>
}
