/** The recipient book's checkpoint section: one tuple per recipient, checked by zod on restore. */
import { z } from 'zod'

const str = z.string()

export const bookSnapshotSchema = z.strictObject({
  v: z.literal(1),
  rows: z.array(
    z.tuple([
      str.min(1), // id
      str, // name
      str, // e-mail as written
      str.nullable(), // member id
      str, // created
      str, // updated
      str.min(1).nullable(), // merged into
      z.array(str.min(1)) // merged ids
    ])
  )
})

export type BookSnapshot = z.output<typeof bookSnapshotSchema>
