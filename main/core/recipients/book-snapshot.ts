/**
 * The recipient book's checkpoint section: one tuple per recipient, checked on restore. The rows
 * (a quarter of a million for a station with a million awards) are checked by one plain loop
 * inside the zod schema: zod's per-tuple parsing cost more than reading the file.
 */
import { z } from 'zod'
import type { SavedRow } from './book-columns.js'

export type BookRow = [
  id: string,
  name: string,
  email: string,
  memberId: string | null,
  createdAt: string,
  updatedAt: string,
  mergedInto: string | null,
  mergedIds: string[]
]

const isText = (v: unknown): v is string => typeof v === 'string'
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isIdOrNull = (v: unknown): boolean => v === null || isId(v)

function isRow(v: unknown): v is BookRow {
  return (
    Array.isArray(v) &&
    v.length === 8 &&
    isId(v[0]) &&
    isText(v[1]) &&
    isText(v[2]) &&
    (v[3] === null || isText(v[3])) &&
    isText(v[4]) &&
    isText(v[5]) &&
    isIdOrNull(v[6]) &&
    Array.isArray(v[7]) &&
    v[7].every(isId)
  )
}

export const bookSnapshotSchema = z.strictObject({
  v: z.literal(1),
  rows: z.custom<BookRow[]>(
    (value) => Array.isArray(value) && value.every(isRow),
    'every recipient must be [id, name, e-mail, member id, created, updated, merged into, merged ids]'
  )
})

export type BookSnapshot = z.output<typeof bookSnapshotSchema>

/** One recipient as the JSON form (format 1) keeps it. */
export function bookRow(r: SavedRow): BookRow {
  return [
    r.id,
    r.name,
    r.email,
    r.memberId ?? null,
    r.createdAt,
    r.updatedAt,
    r.mergedInto ?? null,
    r.mergedIds
  ]
}
