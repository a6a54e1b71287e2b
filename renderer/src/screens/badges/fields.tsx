/** Small labelled fields the badge screens share (the text field itself is components/text-field). */
import type { ReactElement } from 'react'
import { FieldError, Label, Text, TextArea, TextField } from 'react-aria-components'

type SelectFieldProps = Readonly<{
  label: string
  value: string
  onChange: (value: string) => void
  options: ReadonlyArray<Readonly<{ value: string; label: string }>>
  description?: string
}>

/** A native, labelled select: keyboard and screen readers know it without help. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  description
}: SelectFieldProps): ReactElement {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select className="field-input" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {description ? <span className="field-description">{description}</span> : null}
    </label>
  )
}

type TextAreaFieldProps = Readonly<{
  name: string
  label: string
  description?: string
  isRequired?: boolean
  /** False when the field is one of two alternatives (no "(optional)" mark). */
  markOptional?: boolean
  rows?: number
  value: string
  onChange: (value: string) => void
}>

/** A labelled multi-line field; its error comes from the surrounding Form's validationErrors. */
export function TextAreaField(props: TextAreaFieldProps): ReactElement {
  return (
    <TextField
      className="field"
      name={props.name}
      isRequired={props.isRequired}
      value={props.value}
      onChange={props.onChange}
    >
      <Label className="field-label">
        {props.label}
        {props.isRequired || props.markOptional === false ? null : (
          <span className="field-optional"> (optional)</span>
        )}
      </Label>
      <TextArea className="field-input" rows={props.rows ?? 3} />
      {props.description ? (
        <Text slot="description" className="field-description">
          {props.description}
        </Text>
      ) : null}
      <FieldError className="field-error" />
    </TextField>
  )
}
