/**
 * Folders of many files a bench made, removed when the whole run ends rather than when the bench
 * does. This machine's ext4 has no journal, and then ext4 skips inodes freed in the last one to
 * six minutes when it creates files (fs/ext4/ialloc.c, recently_deleted): deleting the 40,000
 * files of one export made the next export's file creation several times slower (system time
 * 0.6 s → 7 s), so a deletion must not come before a measurement of the same run.
 */
import fs from 'node:fs'

const later: string[] = []

export function removeAtEnd(dir: string): void {
  later.push(dir)
}

/** Removes what removeAtEnd collected (index.ts, after the last bench; a bench run alone). */
export function removeCollected(): void {
  for (const dir of later.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}
