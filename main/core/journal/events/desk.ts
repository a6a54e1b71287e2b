/**
 * Journal events of desk mode: who could award while it was on, wrong passphrases given to leave
 * it, and when it ended. Each is
 * written in the same group commit as the catalog change that switches desk mode (§6).
 */
import { z } from 'zod'
import { defineEvent } from '../define.js'

const entered = z.object({ operators: z.array(z.string()).readonly() })
const left = z.object({})
/** A wrong passphrase to leave (or unlock) desk mode; `wrongTries` counts them in a row. */
const refused = z.object({ wrongTries: z.number().int().positive() })

export const deskEvents = [
  defineEvent('desk.entered', { v: 1, schema: entered }),
  defineEvent('desk.left', { v: 1, schema: left }),
  defineEvent('desk.refused', { v: 1, schema: refused })
] as const
