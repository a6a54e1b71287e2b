import { useState, type ReactElement } from 'react'
import { Checkbox, CheckboxGroup, Form, Label, Radio, RadioGroup } from 'react-aria-components'
import type { RuleKind } from '../../../../shared/rules-types.js'
import type { Badge } from '../../../../shared/types.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { SelectField } from '../../components/select-field.js'
import { FormTextField } from '../../components/text-field.js'
import { useMutation } from '../../hooks/use-mutation.js'

type RuleFormProps = Readonly<{ badges: readonly Badge[]; onDone: () => void }>

/** A new automatic rule: what a person must have done, and the badge it earns. */
export function RuleForm({ badges, onDone }: RuleFormProps): ReactElement {
  const published = badges.filter((b) => b.status === 'published')
  const [name, setName] = useState('')
  const [kind, setKind] = useState<RuleKind>('attendance')
  const [minSessions, setMinSessions] = useState('3')
  const [tag, setTag] = useState('')
  const [required, setRequired] = useState<string[]>([])
  const [minCredits, setMinCredits] = useState('10')
  const [target, setTarget] = useState('')
  const action = useMutation()

  async function create(): Promise<void> {
    const common = { name: name.trim(), awardBadgeId: target, enabled: true }
    const input =
      kind === 'attendance'
        ? { ...common, kind, minSessions: Number(minSessions), tag: tag.trim() }
        : kind === 'pathway'
          ? { ...common, kind, requiredBadgeIds: required }
          : { ...common, kind, minCredits: Number(minCredits) }
    const result = await action.run((kiln) => kiln.rulesCreate(input))
    if (result?.ok) onDone()
  }

  return (
    <Form
      className="card rule-form"
      aria-label="New rule"
      onSubmit={(event) => {
        event.preventDefault()
        void create()
      }}
    >
      <h2>New rule</h2>
      <FormTextField
        name="name"
        label="Rule name"
        isRequired
        autoFocus
        value={name}
        onChange={setName}
      />
      <RadioGroup
        className="radio-group rule-kinds"
        value={kind}
        onChange={(v) => setKind(v as RuleKind)}
      >
        <Label className="field-label">Award when someone</Label>
        <Radio value="attendance" className="radio">
          attended enough sessions with a tag
        </Radio>
        <Radio value="pathway" className="radio">
          holds all of some badges (pathway)
        </Radio>
        <Radio value="credits" className="radio">
          holds badges worth enough credits
        </Radio>
      </RadioGroup>
      {kind === 'attendance' ? (
        <div className="rule-row">
          <FormTextField
            name="minSessions"
            label="At least this many sessions"
            isRequired
            value={minSessions}
            onChange={setMinSessions}
          />
          <FormTextField
            name="tag"
            label="Tagged"
            isRequired
            value={tag}
            onChange={setTag}
            description="A tag from the check-ins file, e.g. workshop."
          />
        </div>
      ) : null}
      {kind === 'pathway' ? (
        <CheckboxGroup
          className="checkbox-group"
          value={required}
          onChange={setRequired}
          isRequired
        >
          <Label className="field-label">Required badges</Label>
          {published.map((b) => (
            <Checkbox key={b.id} value={b.id} className="check">
              {b.content.name}
            </Checkbox>
          ))}
        </CheckboxGroup>
      ) : null}
      {kind === 'credits' ? (
        <FormTextField
          name="minCredits"
          label="At least this many credits"
          isRequired
          value={minCredits}
          onChange={setMinCredits}
        />
      ) : null}
      <SelectField
        label="Then award"
        value={target}
        onChange={setTarget}
        required
        options={[
          { value: '', label: 'Choose a published badge…' },
          ...published.map((b) => ({ value: b.id, label: b.content.name }))
        ]}
      />
      <ErrorAlert error={action.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          Create rule
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </Form>
  )
}
