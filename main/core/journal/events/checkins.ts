/** Journal events of check-ins (attendance imported from CSV). */
import { z } from 'zod'
import type { CheckIn } from '../../../../shared/rules-types.js'
import { defineEvent } from '../define.js'

const checkInSchema = z.object({
  id: z.string().min(1),
  recipientEmail: z.string().optional(),
  memberId: z.string().optional(),
  name: z.string(),
  session: z.string(),
  tags: z.array(z.string()).readonly(),
  date: z.string(),
  importId: z.string(),
  importedAt: z.string()
}) satisfies z.ZodType<CheckIn>

const imported = z.object({ checkin: checkInSchema, operator: z.string().optional() })
export type CheckInImportedData = Readonly<z.output<typeof imported>>

export const checkinEvents = [defineEvent('checkin.imported', { v: 1, schema: imported })] as const
