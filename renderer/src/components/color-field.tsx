import { useId, type ReactElement } from 'react'
import './color-field.css'

type ColorFieldProps = Readonly<{
  label: string
  value: string
  onChange: (value: string) => void
}>

/**
 * A labelled native colour picker (keyboard and screen-reader support come with the browser's
 * own picker); the hex value is shown beside it and read out as its description.
 */
export function ColorField({ label, value, onChange }: ColorFieldProps): ReactElement {
  const id = useId()
  return (
    <div className="color-field">
      <input
        id={id}
        type="color"
        className="color-field-swatch"
        value={value}
        aria-describedby={`${id}-value`}
        onChange={(event) => onChange(event.target.value)}
      />
      <span className="color-field-text">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <span id={`${id}-value`} className="color-field-value">
          {value.toUpperCase()}
        </span>
      </span>
    </div>
  )
}
