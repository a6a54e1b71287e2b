/**
 * How a journal event is declared: its type, the version (`v`) this Kiln writes, the zod schema of
 * that version, and readers of older versions (each returns the current shape). A line written
 * before versions existed has no `v` and reads as v1. Declare events in events/<domain>.ts and
 * list the domain once in registry.ts; see ARCHITECTURE.md, "Add a new journal event".
 */
import type { z } from 'zod'

export type EventDef<T extends string = string, D = unknown> = Readonly<{
  type: T
  v: number
  schema: z.ZodType<D>
  /** Parses `data` written as version `v` into the current shape, or says why it cannot. */
  read(
    data: unknown,
    v: number
  ): Readonly<{ ok: true; event: TypedEvent<T, D> } | { ok: false; reason: string }>
}>

export type TypedEvent<T extends string, D> = Readonly<{ type: T; data: D }>

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
    read(data, v) {
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
      const parsed = schema.safeParse(data)
      return parsed.success
        ? { ok: true, event: { type, data: parsed.data } }
        : { ok: false, reason: `${type}: ${describeIssues(parsed.error)}` }
    }
  }
}
