/**
 * Numbered migrations of station.json, run on open in order. A catalog records the number of the
 * last one applied (`schemaVersion`; absent in files written before migrations existed: 0). Before
 * a migration changes the file, the old file is copied beside it (catalog-store.ts). Add a new one
 * at the end; never change or remove one that has shipped.
 */
import { randomBytes } from 'node:crypto'

export type Migration = Readonly<{
  to: number
  why: string
  /** Takes the parsed JSON of the previous version; returns the next (may return it unchanged). */
  up(catalog: Record<string, unknown>): Record<string, unknown>
}>

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    why: 'catalogs written before automatic rules have no rules array',
    up: (c) => (Array.isArray(c.rules) ? c : { ...c, rules: [] })
  },
  {
    to: 2,
    why: 'the catalog’s SHA-256 is recorded in the journal on every write (tamper evidence)',
    // No change to the data: writing the migrated file records its hash for the first time.
    up: (c) => c
  },
  {
    to: 3,
    why: 'personal badge pages need the station’s page key: made once, here (and at setup), not lazily by whichever export or read came first',
    up: (c) =>
      c.personalPages !== undefined
        ? c
        : { ...c, personalPages: { key: randomBytes(32).toString('hex'), showcases: {} } }
  }
]

export const CATALOG_SCHEMA_VERSION = MIGRATIONS.at(-1)?.to ?? 0

export type Migrated = Readonly<{
  catalog: Record<string, unknown>
  from: number
  applied: number[]
}>

/** Applies every migration after the file's version; a newer file is refused by the caller. */
export function migrate(raw: Record<string, unknown>): Migrated {
  const version = raw.schemaVersion
  const from =
    typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0
  let catalog = raw
  const applied: number[] = []
  for (const m of MIGRATIONS) {
    if (m.to <= from) continue
    catalog = { ...m.up(catalog), schemaVersion: m.to }
    applied.push(m.to)
  }
  return { catalog, from, applied }
}
