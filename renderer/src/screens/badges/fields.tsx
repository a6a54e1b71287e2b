/** Small labelled fields the badge screens share (the text field itself is components/text-field). */
import type { ReactElement } from 'react'
import { FieldError, Label, Text, TextArea, TextField } from 'react-aria-components'
import { ACCEPTED_IMAGES } from './image-upload.js'

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

type ImageFileFieldProps = Readonly<{ error?: string; busy: boolean; onFile: (file: File) => void }>

/** The file chooser for a whole badge image, with its error (from the core) beneath. */
export function ImageFileField({ error, busy, onFile }: ImageFileFieldProps): ReactElement {
  return (
    <div className="field">
      <label className="field-label" htmlFor="designer-image-file">
        Badge image <span className="field-optional">(PNG, JPEG or SVG, square works best)</span>
      </label>
      <input
        id="designer-image-file"
        type="file"
        accept={ACCEPTED_IMAGES}
        className="field-input"
        disabled={busy}
        aria-invalid={error ? true : undefined}
        aria-describedby="designer-image-file-error"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) onFile(file)
          e.target.value = ''
        }}
      />
      <span id="designer-image-file-error" className="field-error">
        {error ?? ''}
      </span>
    </div>
  )
}
