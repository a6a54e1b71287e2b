/** Journal events of the station itself: setup, profile, keys, the catalog's hash, backups. */
import { z } from 'zod'
import { defineEvent } from '../define.js'

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)

const initialized = z.object({
  stationId: z.string().min(1),
  issuerId: z.string(),
  siteUrl: z.string(),
  publicKeyMultibase: z.string()
})

const fromTo = z.object({ from: z.string(), to: z.string() })
const profileUpdated = z.object({
  changed: z.array(z.string()).readonly(),
  issuer: z.object({ name: z.string(), url: z.string(), email: z.string().optional() }),
  siteUrl: fromTo.optional(),
  issuerId: fromTo.optional(),
  confirmedBreaking: z.boolean().optional(),
  awards: z.number().int().nonnegative().optional()
})
export type ProfileUpdatedData = Readonly<z.output<typeof profileUpdated>>

const keyRotated = z.object({ previous: z.string().optional(), publicKeyMultibase: z.string() })
const keyExported = z.object({ publicKeyMultibase: z.string() })

/**
 * The SHA-256 of station.json as Kiln wrote it, appended (and fsynced) after the new file is
 * written and synced under a temp name and before it is renamed into place. At open, a catalog
 * whose hash is not the last one recorded was changed outside Kiln and is refused.
 */
const catalogWritten = z.object({ sha256, bytes: z.number().int().nonnegative() })
export type CatalogWrittenData = Readonly<z.output<typeof catalogWritten>>

const backupCreated = z.object({
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256,
  scheduled: z.boolean(),
  removed: z.array(z.string()).readonly()
})

export const stationEvents = [
  defineEvent('station.initialized', { v: 1, schema: initialized }),
  defineEvent('station.profileUpdated', { v: 1, schema: profileUpdated }),
  defineEvent('key.rotated', { v: 1, schema: keyRotated }),
  defineEvent('key.exported', { v: 1, schema: keyExported }),
  defineEvent('catalog.written', { v: 1, schema: catalogWritten }),
  defineEvent('backup.created', { v: 1, schema: backupCreated })
] as const
