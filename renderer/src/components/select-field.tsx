import { useId, type ReactElement } from 'react'

export type SelectOption<V extends string> = Readonly<{ value: V; label: string }>

type SelectFieldProps<V extends string> = Readonly<{
  label: string
  value: V
  options: ReadonlyArray<SelectOption<V>>
  /** Called with the chosen option's own value (typed), never with a free string. */
  onChange: (value: V) => void
  description?: string
  /** Another class for the field beside `field` (a narrower toolbar field, say). */
  className?: string
  disabled?: boolean
  required?: boolean
}>

/**
 * A native, labelled select: keyboard and screen readers know it without help, the label is
 * its accessible name and the description (when there is one) its accessible description.
 */
export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  description,
  className,
  disabled,
  required
}: SelectFieldProps<V>): ReactElement {
  const id = useId()
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field-input"
        value={value}
        disabled={disabled}
        required={required}
        aria-describedby={description ? `${id}-description` : undefined}
        onChange={(e) => {
          const chosen = options.find((o) => o.value === e.target.value)
          if (chosen) onChange(chosen.value)
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {description ? (
        <span id={`${id}-description`} className="field-description">
          {description}
        </span>
      ) : null}
    </div>
  )
}
