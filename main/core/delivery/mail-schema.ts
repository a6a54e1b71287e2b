/**
 * The shape of station.json's settings.mail (part of the catalog's schema, catalog/schema.ts):
 * the SMTP server (never its password: that is a sealed secret) and the certificate pinned on its
 * first use, whether new awards queue a message, whether messages wait for the site, and the
 * message templates.
 */
import { z } from 'zod'
import { SMTP_SECURITY } from '../../../shared/methods/delivery-values.js'

const templateSchema = z.object({
  subject: z.string().min(1).max(300),
  body: z.string().min(1).max(20_000),
  attachPdf: z.boolean().default(false)
})

/** A server certificate pinned on first use (public: the fingerprint and the certificate). */
const pinSchema = z.object({
  fingerprint: z.string().min(1).max(200),
  pem: z.string().min(1).max(20_000),
  at: z.string()
})

export const smtpSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  security: z.enum(SMTP_SECURITY),
  user: z.string().max(300).optional(),
  from: z.string().min(3).max(320),
  replyTo: z.string().min(3).max(320).optional(),
  ratePerMinute: z.number().int().min(1).optional(),
  connections: z.number().int().min(1).max(20).optional(),
  pinned: pinSchema.optional()
})

export const mailSettingsSchema = z.object({
  smtp: smtpSchema.optional(),
  autoQueue: z.boolean().optional(),
  waitForSite: z.boolean().optional(),
  templates: z
    .object({
      station: templateSchema.optional(),
      badges: z.record(z.string(), templateSchema).default({})
    })
    .default({ badges: {} })
})

export type StoredMail = z.output<typeof mailSettingsSchema>
export type SmtpSettings = z.output<typeof smtpSchema>
