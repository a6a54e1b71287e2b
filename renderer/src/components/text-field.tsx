import type { ReactElement, ReactNode, Ref } from 'react'
import { FieldError, Input, Label, Text, TextField } from 'react-aria-components'

type FormTextFieldProps = Readonly<{
  name: string
  label: string
  description?: string
  type?: 'text' | 'url' | 'email' | 'password'
  autoComplete?: string
  isRequired?: boolean
  /** Say "(optional)" after the label of a field that is not required (default true). */
  markOptional?: boolean
  autoFocus?: boolean
  inputRef?: Ref<HTMLInputElement>
  value: string
  onChange: (value: string) => void
  /** Shown under the field, inside it (a live check of what was typed, such as a folder's). */
  after?: ReactNode
}>

/**
 * A labelled text field (React Aria): the label names the input, the description and the
 * error (from the surrounding Form's validationErrors, keyed by `name`) describe it.
 */
export function FormTextField({ inputRef, ...props }: FormTextFieldProps): ReactElement {
  return (
    <TextField
      className="field"
      name={props.name}
      type={props.type ?? 'text'}
      autoComplete={props.autoComplete}
      isRequired={props.isRequired}
      autoFocus={props.autoFocus}
      value={props.value}
      onChange={props.onChange}
    >
      <Label className="field-label">
        {props.label}
        {props.isRequired || props.markOptional === false ? null : (
          <span className="field-optional"> (optional)</span>
        )}
      </Label>
      <Input ref={inputRef} className="field-input" />
      {props.description ? (
        <Text slot="description" className="field-description">
          {props.description}
        </Text>
      ) : null}
      <FieldError className="field-error" />
      {props.after}
    </TextField>
  )
}
