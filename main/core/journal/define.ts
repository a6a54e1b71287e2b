/**
 * How a journal event is declared: its type, the version (`v`) this Kiln writes, the zod schema of
 * that version, and readers of older versions (each returns the current shape). A line written
 * before versions existed has no `v` and reads as v1. Declare events in events/<domain>.ts and
 * list the domain once in registry.ts; see ARCHITECTURE.md, "Add a new journal event".
 */
import type { z } from 'zod'
import type { RawJournalEntry } from '../storage/journal-lines.js'

export type TypedEvent<T extends string, D> = Readonly<{ type: T; data: D }>

/** The envelope every entry has (`v`: the version of the shape `data` now has). */
export type Envelope = Readonly<{
  seq: number
  ts: string
  station: string
  v: number
  prev: string
}>

export type Outcome<E> = Readonly<{ ok: true; entry: E } | { ok: false; reason: string }>

export type EventDef<T extends string = string, D = unknown> = Readonly<{
  type: T
  v: number
  schema: z.ZodType<D>
  /** The line's entry with `data` (written as version raw.v, default 1) in the current shape. */
  read(raw: RawJournalEntry): Outcome<TypedEvent<T, D> & Envelope>
  /** Why `data` is not this event's current shape (undefined when it is). */
  problem(data: unknown): string | undefined
}>

export type EventSpec<D> = Readonly<{
  /** The version written now (start at 1; bump when the data's shape changes). */
  v: number
  schema: z.ZodType<D>
  /** Older versions: a schema that parses that version and transforms it into the current shape. */
  older?: Readonly<Record<number, z.ZodType<D, unknown>>>
}>

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return 'the data does not match its event type'
  const where = first.path.map(String).join('.')
  return `data${where ? '.' + where : ''}: ${first.message}`
}

export function defineEvent<const T extends string, D>(
  type: T,
  spec: EventSpec<D>
): EventDef<T, D> {
  return {
    type,
    v: spec.v,
    schema: spec.schema,
    read(raw) {
      const v = raw.v ?? 1
      const schema = v === spec.v ? spec.schema : spec.older?.[v]
      if (!schema) {
        return {
          ok: false,
          reason:
            v > spec.v
              ? `${type} v${v} was written by a newer Kiln (this one reads up to v${spec.v}); update Kiln`
              : `${type} v${v} is not a version Kiln knows`
        }
      }
      const parsed = schema.safeParse(raw.data)
      if (!parsed.success) return { ok: false, reason: `${type}: ${describeIssues(parsed.error)}` }
      const { seq, ts, station, prev } = raw
      return { ok: true, entry: { seq, ts, station, v: spec.v, prev, type, data: parsed.data } }
    },
    problem(data) {
      const parsed = spec.schema.safeParse(data)
      return parsed.success ? undefined : `${type}: ${describeIssues(parsed.error)}`
    }
  }
}
