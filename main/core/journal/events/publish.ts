/**
 * The journal events of publishing (to move into the core's event registry at merge): the data
 * of each is checked by its zod schema when written and when read.
 */
import { z } from 'zod'

export const sitePublishedSchema = z.strictObject({
  target: z.string(),
  kind: z.enum(['folder', 'sftp', 's3', 'ftp']),
  seq: z.number().int().min(0),
  manifestHash: z.string().regex(/^[0-9a-f]{64}$/),
  uploaded: z.number().int().min(0),
  deleted: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  bytes: z.number().int().min(0),
  verified: z.boolean(),
  resumed: z.boolean()
})
export type SitePublished = z.infer<typeof sitePublishedSchema>

export const PUBLISH_EVENTS = { 'site.published': sitePublishedSchema } as const
