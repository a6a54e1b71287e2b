/**
 * The visual part of the designer: shape, colours (or a ready palette), border, icon and up to
 * three text lines. Every change goes through the design history, so it can be undone.
 */
import { useId, type ReactElement } from 'react'
import { Button, Label, Radio, RadioGroup } from 'react-aria-components'
import { ColorField } from '../../components/color-field.js'
import { FormTextField } from '../../components/text-field.js'
import {
  BADGE_TEMPLATES,
  BUILTIN_ICON_LABELS,
  BUILTIN_ICON_NAMES,
  BUILTIN_ICONS,
  designTextLayout,
  MAX_BORDER_WIDTH,
  designSvg,
  svgDataUrl,
  type BadgeDesign,
  type UploadedImages
} from './design-source.js'
import { ACCEPTED_IMAGES } from './image-upload.js'
import { PALETTES } from './palettes.js'
import type { DesignHistory } from './use-design-history.js'
import type { FieldErrors } from './designer-values.js'

type Colours = BadgeDesign['colours']

const TEMPLATE_LABEL: Record<BadgeDesign['template'], string> = {
  circle: 'Circle',
  shield: 'Shield',
  hexagon: 'Hexagon',
  ribbon: 'Ribbon',
  rosette: 'Rosette'
}

const COLOUR_FIELDS: ReadonlyArray<Readonly<{ key: keyof Colours; label: string }>> = [
  { key: 'background', label: 'Background' },
  { key: 'border', label: 'Border colour' },
  { key: 'accent', label: 'Accent' },
  { key: 'text', label: 'Text colour' }
]

type DesignFieldsProps = Readonly<{
  history: DesignHistory
  uploads: UploadedImages
  errors: FieldErrors
  iconBusy: boolean
  onIconFile: (file: File) => void
  onLineEdited: () => void
}>

export function DesignFields(props: DesignFieldsProps): ReactElement {
  const { history, uploads, errors } = props
  const { design, change } = history
  const iconErrorId = useId()
  const setColour = (key: keyof Colours) => (value: string) =>
    change((d) => ({ ...d, colours: { ...d.colours, [key]: value } }), `colour-${key}`)
  const iconValue = design.icon.kind === 'builtin' ? design.icon.name : design.icon.kind
  const uploadedIcon = design.icon.kind === 'upload' ? design.icon : null

  return (
    <>
      <RadioGroup
        className="radio-group"
        orientation="horizontal"
        value={design.template}
        onChange={(value) => {
          const template = BADGE_TEMPLATES.find((t) => t === value)
          if (template) change((d) => ({ ...d, template }), 'template')
        }}
      >
        <Label className="field-label">Shape</Label>
        <div className="designer-choices">
          {BADGE_TEMPLATES.map((template) => (
            <Radio key={template} value={template} className="designer-choice">
              <img
                src={svgDataUrl(designSvg({ ...design, template, lines: [] }, uploads))}
                alt=""
                width={56}
                height={56}
              />
              {TEMPLATE_LABEL[template]}
            </Radio>
          ))}
        </div>
      </RadioGroup>

      <div className="field">
        <span className="field-label" id="palette-label">
          Palette
        </span>
        <div className="designer-palettes" role="group" aria-labelledby="palette-label">
          {PALETTES.map((palette) => (
            <Button
              key={palette.name}
              className="designer-palette"
              aria-label={`Use the ${palette.name} palette`}
              onPress={() => change((d) => ({ ...d, colours: palette.colours }), 'palette')}
            >
              {Object.values(palette.colours).map((colour) => (
                <span
                  key={colour}
                  className="designer-palette-swatch"
                  style={{ background: colour }}
                />
              ))}
              <span className="designer-palette-name">{palette.name}</span>
            </Button>
          ))}
        </div>
      </div>

      <div className="designer-colours">
        {COLOUR_FIELDS.map(({ key, label }) => (
          <ColorField
            key={key}
            label={label}
            value={design.colours[key]}
            onChange={setColour(key)}
          />
        ))}
      </div>

      <div className="field">
        <label className="field-label" htmlFor="designer-border-width">
          Border width
        </label>
        <div className="designer-range">
          <input
            id="designer-border-width"
            type="range"
            min={0}
            max={MAX_BORDER_WIDTH}
            step={1}
            value={design.borderWidth}
            onChange={(e) => {
              const borderWidth = Number(e.target.value)
              change((d) => ({ ...d, borderWidth }), 'border-width')
            }}
          />
          <output htmlFor="designer-border-width">{design.borderWidth}</output>
        </div>
      </div>

      <RadioGroup
        className="radio-group"
        orientation="horizontal"
        value={iconValue}
        aria-describedby={errors.icon ? iconErrorId : undefined}
        onChange={(value) => {
          if (value === 'none') change((d) => ({ ...d, icon: { kind: 'none' } }), 'icon')
          else if (value === 'upload' && uploadedIcon) return
          else change((d) => ({ ...d, icon: { kind: 'builtin', name: value } }), 'icon')
        }}
      >
        <Label className="field-label">Icon</Label>
        <div className="designer-choices designer-icons">
          <Radio value="none" className="designer-choice designer-icon">
            <span className="designer-icon-none" aria-hidden="true" />
            No icon
          </Radio>
          {BUILTIN_ICON_NAMES.map((name) => (
            <Radio key={name} value={name} className="designer-choice designer-icon">
              <img
                src={iconTile(BUILTIN_ICONS[name], design.colours)}
                alt=""
                width={36}
                height={36}
              />
              {BUILTIN_ICON_LABELS[name]}
            </Radio>
          ))}
          {uploadedIcon ? (
            <Radio value="upload" className="designer-choice designer-icon">
              <UploadedThumb data={uploads.get(uploadedIcon.sha256)} />
              Uploaded icon
            </Radio>
          ) : null}
        </div>
      </RadioGroup>
      <div className="field">
        <label className="field-label" htmlFor="designer-icon-file">
          Upload an icon <span className="field-optional">(PNG, JPEG or SVG)</span>
        </label>
        <input
          id="designer-icon-file"
          type="file"
          accept={ACCEPTED_IMAGES}
          className="field-input"
          aria-invalid={errors.icon ? true : undefined}
          aria-describedby={errors.icon ? iconErrorId : undefined}
          disabled={props.iconBusy}
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) props.onIconFile(file)
            e.target.value = ''
          }}
        />
        <span id={iconErrorId} className="field-error">
          {errors.icon ?? ''}
        </span>
      </div>

      {[0, 1, 2].map((index) => (
        <FormTextField
          key={index}
          name={`design.lines.${index}`}
          label={index === 0 ? 'Text line 1 (title)' : `Text line ${index + 1}`}
          description={
            index === 0
              ? 'Filled in from the badge name until you change it. Long text shrinks to fit.'
              : undefined
          }
          value={design.lines[index] ?? ''}
          onChange={(value) => {
            if (index === 0) props.onLineEdited()
            change((d) => ({ ...d, lines: setLine(d.lines, index, value) }), `line-${index}`)
          }}
        />
      ))}
      <FitWarning design={design} />
      <span className="field-error">{errors.design ?? ''}</span>
    </>
  )
}

/** Says which text line the shape has no room for (it is cut with “…” on the badge). */
function FitWarning({ design }: Readonly<{ design: BadgeDesign }>): ReactElement {
  const { cut } = designTextLayout(design)
  const lines = cut.map((i) => (i === 0 ? 'the title' : `line ${i + 1}`))
  return (
    <p role="status" className="designer-fit-warning">
      {lines.length > 0
        ? `There is no room for all of ${lines.join(' and ')} on this shape: it is cut with “…”. Shorten it, or choose a wider shape or no icon.`
        : ''}
    </p>
  )
}

/** Lines without trailing empty ones (the schema keeps at most three). */
export function setLine(lines: readonly string[], index: number, value: string): string[] {
  const next = [0, 1, 2].map((i) => (i === index ? value : (lines[i] ?? '')))
  while (next.length > 0 && next.at(-1) === '') next.pop()
  return next
}

function iconTile(markup: string, colours: Colours): string {
  return svgDataUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 32 32"><rect x="-4" y="-4" width="32" height="32" rx="6" fill="${colours.background}"/><g fill="none" stroke="${colours.accent}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${markup}</g></svg>`
  )
}

function UploadedThumb({ data }: Readonly<{ data: string | undefined }>): ReactElement {
  return data ? (
    <img src={`data:image/png;base64,${data}`} alt="" width={36} height={36} />
  ) : (
    <span className="designer-icon-none" aria-hidden="true" />
  )
}
