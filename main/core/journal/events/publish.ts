/** Journal events of publishing: the site published to a target, verified. */
import { z } from 'zod'
import { defineEvent } from '../define.js'

const sitePublished = z.strictObject({
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
export type SitePublishedData = z.output<typeof sitePublished>

export const publishEvents = [
  defineEvent('site.published', { v: 1, schema: sitePublished })
] as const
