/** Journal events of what leaves the station: sync bundles, station exports and merges. */
import { z } from 'zod'
import { defineEvent } from '../define.js'

const count = z.number().int().nonnegative()

const bundleExported = z.object({
  seq: z.number().int().positive(),
  files: count,
  manifestHash: z.string(),
  full: z.boolean(),
  unchanged: z.boolean(),
  out: z.string()
})
export type BundleExportedData = Readonly<z.output<typeof bundleExported>>

const stationExported = z.object({ journalSeq: count, awards: count })

const stationMerged = z.object({
  stationId: z.string(),
  journalSeq: count,
  added: count,
  revoked: count,
  fileHash: z.string()
})

export const exchangeEvents = [
  defineEvent('bundle.exported', { v: 1, schema: bundleExported }),
  defineEvent('station.exported', { v: 1, schema: stationExported }),
  defineEvent('station.merged', { v: 1, schema: stationMerged })
] as const
