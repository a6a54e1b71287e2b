/**
 * The shape of station.json's personalPages (part of the catalog's schema): the station's page
 * key (256 random bits, hex; every personal page address derives from it) and each recipient's
 * showcase (the order of their badges, the hidden ones).
 */
import { z } from 'zod'

const awardIds = z.array(z.string().min(1).max(200)).max(10_000)

export const showcaseSchema = z.strictObject({ order: awardIds, hidden: awardIds })

export const personalPagesSchema = z.strictObject({
  key: z.string().regex(/^[0-9a-f]{64}$/),
  showcases: z.record(z.string().min(1).max(200), showcaseSchema)
})

export type StoredShowcase = z.output<typeof showcaseSchema>
export type PersonalPages = z.output<typeof personalPagesSchema>
