import { useId, useState, type ReactElement } from 'react'
import type { CsvMapping } from '../../../shared/types.js'

type Field = keyof CsvMapping

const FIELDS: ReadonlyArray<readonly [Field, string]> = [
  ['name', 'Full name'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['email', 'E-mail'],
  ['memberId', 'Member id']
]

type ColumnMappingProps = Readonly<{
  columns: readonly string[]
  initial: CsvMapping
  /** Why the mapping is asked for (e.g. the core's message). */
  message?: string
  submitLabel: string
  onSubmit: (mapping: CsvMapping) => void
  onCancel?: () => void
}>

/** Which column holds which field, for the columns Kiln could not guess. */
export function ColumnMapping(props: ColumnMappingProps): ReactElement {
  const [mapping, setMapping] = useState<CsvMapping>(props.initial)
  const id = useId()
  const hasName = Boolean(mapping.name || (mapping.firstName && mapping.lastName))
  const ready = hasName && Boolean(mapping.email)

  return (
    <form
      className="column-mapping"
      aria-label="Column mapping"
      onSubmit={(event) => {
        event.preventDefault()
        if (ready) props.onSubmit(mapping)
      }}
    >
      <p>
        {props.message ?? 'Tell Kiln which column holds which field.'} A name (or first and last
        name) and an e-mail are needed.
      </p>
      <div className="column-mapping-grid">
        {FIELDS.map(([field, label]) => (
          <div className="field" key={field}>
            <label className="field-label" htmlFor={`${id}-${field}`}>
              {label} column
            </label>
            <select
              id={`${id}-${field}`}
              className="select"
              value={mapping[field] ?? ''}
              onChange={(event) => {
                const value = event.target.value
                setMapping((m) => {
                  const next: Record<string, string> = {}
                  for (const [k, v] of Object.entries(m)) if (v && k !== field) next[k] = v
                  if (value) next[field] = value
                  return next
                })
              }}
            >
              <option value="">(not in this file)</option>
              {props.columns.map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!ready}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  )
}

/** The CSV_INVALID details that ask for a mapping ({columns, mapping}), if that is what they are. */
export function mappingRequest(
  details: unknown
): { columns: string[]; mapping: CsvMapping } | null {
  if (typeof details !== 'object' || details === null) return null
  const columns = (details as { columns?: unknown }).columns
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) return null
  const raw = (details as { mapping?: unknown }).mapping
  const mapping: Record<string, string> = {}
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value === 'string' && FIELDS.some(([f]) => f === key)) mapping[key] = value
    }
  }
  return { columns, mapping }
}
