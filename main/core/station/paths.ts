/** The files of a station's data directory. */
import path from 'node:path'

export type StationPaths = Readonly<{
  dataDir: string
  catalog: string
  journal: string
  /** How Kiln left the journal after its last commit (storage/journal-seal.ts). */
  journalSeal: string
  /** Every projection's state at one journal entry (journal/checkpoint-file.ts). */
  journalCheckpoint: string
  /** The projections' counts at the journal's head (`kiln status` after a small change). */
  journalCounts: string
  key: string
  images: string
}>

export function stationPaths(dataDir: string): StationPaths {
  const dir = path.resolve(dataDir)
  return {
    dataDir: dir,
    catalog: path.join(dir, 'station.json'),
    journal: path.join(dir, 'journal.ndjson'),
    journalSeal: path.join(dir, 'journal.seal'),
    journalCheckpoint: path.join(dir, 'journal.checkpoint'),
    journalCounts: path.join(dir, 'journal.counts'),
    key: path.join(dir, 'key.json'),
    images: path.join(dir, 'images')
  }
}
