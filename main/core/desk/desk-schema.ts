/**
 * station.json's `desk` section: present while the station is in desk mode. Kept in the catalog
 * (sealed, its hash journaled) so a reload, a restart of `kiln serve` or of the app stays in
 * desk mode, and an edit of the file outside Kiln is refused at open (§7).
 */
import { z } from 'zod'

export const deskSectionSchema = z.object({
  operators: z.array(z.string().min(1)).min(1),
  since: z.string(),
  /**
   * Wrong passphrases given in a row since desk mode was switched on (or since the last right
   * one): kept here, not in memory, so a new process (`kiln desk off` run again and again)
   * waits as long as the same process would.
   */
  wrongTries: z.number().int().nonnegative().optional()
})

export type DeskSection = z.output<typeof deskSectionSchema>
