/** What station.json (the catalog) holds: the types, derived from catalog/schema.ts. */
import type { z } from 'zod'
import type { catalogSchema, stationKeySchema } from '../catalog/schema.js'

export type StationKeyRecord = Readonly<z.output<typeof stationKeySchema>>

export type StationCatalog = z.output<typeof catalogSchema>

export type BadgeRecord = StationCatalog['badges'][number]

export const STATUS_LIST_BITS = 131_072
