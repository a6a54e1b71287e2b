/**
 * The shape of station.json's \`publish\` section (part of the catalog's schema): the publish
 * targets (never their secrets: those are sealed, keys/secrets.ts), each SFTP/FTPS target's pinned
 * server identity, automatic publishing and the default target.
 */
import { z } from 'zod'

export const pinSchema = z.strictObject({
  kind: z.enum(['ssh-host-key', 'tls-certificate']),
  fingerprint: z.string().min(1).max(200),
  at: z.string()
})
export type Pin = z.infer<typeof pinSchema>

const common = { name: z.string().min(1).max(64), createdAt: z.string() }

export const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), ...common, path: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('sftp'),
    ...common,
    host: z.string().min(1),
    port: z.number().int(),
    user: z.string().min(1),
    path: z.string().min(1),
    auth: z.enum(['password', 'key']),
    pinned: pinSchema.optional()
  }),
  z.strictObject({
    kind: z.literal('s3'),
    ...common,
    endpoint: z.string().min(1),
    region: z.string().min(1),
    bucket: z.string().min(1),
    prefix: z.string(),
    pathStyle: z.boolean(),
    accessKeyId: z.string().min(1)
  }),
  z.strictObject({
    kind: z.literal('ftp'),
    ...common,
    host: z.string().min(1),
    port: z.number().int(),
    user: z.string().min(1),
    secure: z.boolean(),
    path: z.string().min(1),
    pinned: pinSchema.optional()
  })
])
export type PublishTarget = z.infer<typeof targetSchema>

export const publishSectionSchema = z.strictObject({
  targets: z.array(targetSchema),
  auto: z.boolean(),
  defaultTarget: z.string().nullable()
})
export type PublishSection = z.infer<typeof publishSectionSchema>
