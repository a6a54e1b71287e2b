/**
 * Contract methods of desk mode: the passphrase holder hands the laptop to volunteers, who can
 * award (one person or a batch), see the awards and print certificates, and nothing else.
 *
 * CONTRACT (stable):
 * desk:enter {operators: string[1..50]} → StationStatus (status.desk set). Needs the station
 *   unlocked; names are trimmed, unique (case-insensitive), without hidden characters. While desk
 *   mode is on, desk:enter is refused (DESK_MODE): leave first to change the list.
 * desk:leave {passphrase} → StationStatus (status.desk absent). The passphrase is checked against
 *   the station key (WRONG_PASSPHRASE, desk mode stays on; each wrong try waits a little longer).
 * While desk mode is on, every method not on the desk's list (main/core/desk/desk-access.ts) is
 * refused with DESK_MODE, and awards:issue / awards:batchStart need an `operator` from the list.
 */
import { z } from 'zod'
import { humanText, passphraseSchema } from '../schemas.js'
import type { StationStatus } from '../types.js'

export type { DeskState } from '../types.js'

export const DESK_OPERATORS_MAX = 50

/** One operator's name, as the desk's picker shows it and awards record it. */
export const deskOperatorSchema = humanText(100)

export const deskOperatorsSchema = z
  .array(deskOperatorSchema)
  .min(1, 'name at least one operator')
  .max(DESK_OPERATORS_MAX, `name at most ${DESK_OPERATORS_MAX} operators`)
  .superRefine((names, ctx) => {
    const seen = new Set<string>()
    names.forEach((name, index) => {
      const key = name.normalize('NFC').toLocaleLowerCase()
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `"${name}" is listed twice` })
      }
      seen.add(key)
    })
  })

export const deskMethods = {
  'desk:enter': z.strictObject({ operators: deskOperatorsSchema }),
  'desk:leave': z.strictObject({ passphrase: passphraseSchema })
} as const

export type DeskResults = {
  'desk:enter': StationStatus
  'desk:leave': StationStatus
}
