/**
 * What an Open Badge says about itself: name, description, criteria, and the optional details
 * (tags, type, credits, field of study, code, expiry, evidence prompt, alignments).
 */
import { Plus, Trash2 } from 'lucide-react'
import type { ReactElement } from 'react'
import { Button, Checkbox, Label, Radio, RadioGroup } from 'react-aria-components'
import { ACHIEVEMENT_TYPES } from '../../../../shared/schemas.js'
import { SelectField } from '../../components/select-field.js'
import { FormTextField } from '../../components/text-field.js'
import { achievementTypeLabel } from './catalog-filter.js'
import type { AlignmentValues, DesignerValues, ExpiryKind, FieldErrors } from './designer-values.js'
import { TextAreaField } from './fields.js'

type Setter = <K extends keyof DesignerValues>(key: K, value: DesignerValues[K]) => void

type FieldsProps = Readonly<{ values: DesignerValues; set: Setter; errors: FieldErrors }>

export function EssentialFields({ values, set }: FieldsProps): ReactElement {
  return (
    <>
      <FormTextField
        name="name"
        label="Badge name"
        isRequired
        autoFocus
        value={values.name}
        onChange={(v) => set('name', v)}
      />
      <TextAreaField
        name="description"
        label="Description"
        description="What the badge recognises, in a sentence or two."
        isRequired
        value={values.description}
        onChange={(v) => set('description', v)}
      />
      <TextAreaField
        name="criteriaNarrative"
        label="Criteria"
        markOptional={false}
        description="How someone earns it. Give this text, a criteria web address below, or both."
        value={values.criteriaNarrative}
        onChange={(v) => set('criteriaNarrative', v)}
      />
      <FormTextField
        name="criteriaUrl"
        label="Criteria web address"
        type="url"
        value={values.criteriaUrl}
        onChange={(v) => set('criteriaUrl', v)}
      />
    </>
  )
}

export function MoreFields({ values, set, errors }: FieldsProps): ReactElement {
  const types = (ACHIEVEMENT_TYPES as readonly string[]).includes(values.achievementType)
    ? ACHIEVEMENT_TYPES
    : [values.achievementType, ...ACHIEVEMENT_TYPES]
  return (
    <>
      <FormTextField
        name="tags"
        label="Tags"
        description="Separate tags with commas, for example: speaker, 2026."
        value={values.tags}
        onChange={(v) => set('tags', v)}
      />
      <SelectField
        label="Achievement type"
        value={values.achievementType}
        onChange={(v) => set('achievementType', v)}
        options={types.map((t) => ({ value: t, label: achievementTypeLabel(t) }))}
      />
      <div className="designer-pair">
        <FormTextField
          name="creditsAvailable"
          label="CE credits"
          value={values.credits}
          onChange={(v) => set('credits', v)}
        />
        <FormTextField
          name="humanCode"
          label="Code"
          description="Your own short code, such as SPK-26."
          value={values.humanCode}
          onChange={(v) => set('humanCode', v)}
        />
      </div>
      <FormTextField
        name="fieldOfStudy"
        label="Field of study"
        value={values.fieldOfStudy}
        onChange={(v) => set('fieldOfStudy', v)}
      />
      <ExpiryFields values={values} set={set} errors={errors} />
      <FormTextField
        name="evidencePrompt"
        label="Evidence prompt for awarders"
        description="Shown to whoever awards the badge, e.g. “Link to the talk recording”. Not part of the badge."
        value={values.evidencePrompt}
        onChange={(v) => set('evidencePrompt', v)}
      />
      <Checkbox
        className="checkbox-field"
        isSelected={values.public}
        onChange={(on) => set('public', on)}
      >
        <span className="checkbox-field-box" aria-hidden="true" />
        Let search engines list its credential pages (otherwise they carry “noindex”)
      </Checkbox>
      <AlignmentFields values={values} set={set} errors={errors} />
    </>
  )
}

function ExpiryFields({ values, set, errors }: FieldsProps): ReactElement {
  return (
    <>
      <RadioGroup
        className="radio-group"
        value={values.expiryKind}
        onChange={(v) =>
          set('expiryKind', v === 'months' || v === 'date' ? v : ('never' satisfies ExpiryKind))
        }
      >
        <Label className="field-label">Expiry</Label>
        <Radio className="radio" value="never">
          Never expires
        </Radio>
        <Radio className="radio" value="months">
          Expires some months after the award
        </Radio>
        <Radio className="radio" value="date">
          Expires on a fixed date
        </Radio>
      </RadioGroup>
      {values.expiryKind === 'months' ? (
        <FormTextField
          name="expiry.months"
          label="Number of months"
          description="Counted from the day of each award."
          isRequired
          value={values.expiryMonths}
          onChange={(v) => set('expiryMonths', v)}
        />
      ) : null}
      {values.expiryKind === 'date' ? (
        <div className="field">
          <label className="field-label" htmlFor="designer-expiry-date">
            Expiry date
          </label>
          <input
            id="designer-expiry-date"
            type="date"
            className="field-input"
            value={values.expiryDate}
            aria-invalid={errors['expiry.date'] ? true : undefined}
            aria-describedby="designer-expiry-date-error"
            onChange={(e) => set('expiryDate', e.target.value)}
          />
          <span id="designer-expiry-date-error" className="field-error">
            {errors['expiry.date'] ?? ''}
          </span>
        </div>
      ) : null}
    </>
  )
}

function AlignmentFields({ values, set }: FieldsProps): ReactElement {
  const rows = values.alignments
  const update = (key: number, patch: Partial<AlignmentValues>) =>
    set(
      'alignments',
      rows.map((row) => (row.key === key ? { ...row, ...patch } : row))
    )
  const add = () => {
    const key = rows.reduce((max, row) => Math.max(max, row.key), -1) + 1
    set('alignments', [
      ...rows,
      { key, targetName: '', targetUrl: '', targetFramework: '', targetCode: '' }
    ])
  }
  return (
    <div className="field">
      <span className="field-label">Competency alignments</span>
      <span className="field-description">Standards or skills frameworks this badge maps to.</span>
      {rows.map((row, index) => (
        <fieldset key={row.key} className="form-group designer-alignment">
          <legend>Alignment {index + 1}</legend>
          <div className="designer-pair">
            <FormTextField
              name={`alignments.${index}.targetName`}
              label="Competency"
              isRequired
              value={row.targetName}
              onChange={(v) => update(row.key, { targetName: v })}
            />
            <FormTextField
              name={`alignments.${index}.targetUrl`}
              label="Web address"
              type="url"
              isRequired
              value={row.targetUrl}
              onChange={(v) => update(row.key, { targetUrl: v })}
            />
            <FormTextField
              name={`alignments.${index}.targetFramework`}
              label="Framework"
              value={row.targetFramework}
              onChange={(v) => update(row.key, { targetFramework: v })}
            />
            <FormTextField
              name={`alignments.${index}.targetCode`}
              label="Framework code"
              value={row.targetCode}
              onChange={(v) => update(row.key, { targetCode: v })}
            />
          </div>
          <Button
            className="button badges-button-quiet badges-button-icon"
            onPress={() =>
              set(
                'alignments',
                rows.filter((r) => r.key !== row.key)
              )
            }
          >
            <Trash2 aria-hidden="true" size={16} /> Remove alignment {index + 1}
          </Button>
        </fieldset>
      ))}
      <div>
        <Button className="button badges-button-icon" onPress={add}>
          <Plus aria-hidden="true" size={16} /> Add alignment
        </Button>
      </div>
    </div>
  )
}
