import { UserCheck } from 'lucide-react'
import { useState, type FormEvent, type ReactElement } from 'react'
import { Button, Form, Label, Text, TextArea, TextField } from 'react-aria-components'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useMutation } from '../../hooks/use-mutation.js'
import type { SectionProps } from '../section-props.js'
import { MAX_OPERATORS, readOperators } from './desk-operators.js'

/**
 * Desk mode: the passphrase holder names the volunteers and hands over the laptop. Only
 * awarding, the awards list and printing stay open until someone leaves with the passphrase.
 */
export function DeskSection({ onStatus }: SectionProps): ReactElement {
  const [text, setText] = useState('')
  const entering = useMutation()

  async function enter(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    const list = readOperators(text)
    if (!list.ok) {
      entering.setError({
        code: 'INVALID_INPUT',
        message: list.problem,
        details: { field: 'operators' }
      })
      return
    }
    const { operators } = list
    const result = await entering.run((kiln) => kiln.deskEnter({ operators }))
    if (result?.ok) onStatus(result.value)
  }

  return (
    <section aria-labelledby="settings-desk">
      <h2 id="settings-desk">Desk mode</h2>
      <p>
        Hand the laptop to volunteers without handing them the keys. In desk mode Kiln shows only
        awarding (one person and batch), the awards list and certificates; every award records which
        operator made it. Revoking, settings, keys, backups and exports need the passphrase again,
        and so does leaving desk mode. Restarting Kiln keeps it on.
      </p>
      <Form className="form" onSubmit={(event) => void enter(event)}>
        <TextField className="field" name="operators" value={text} onChange={setText} isRequired>
          <Label className="field-label">Operators</Label>
          <TextArea className="field-input" rows={4} />
          <Text slot="description" className="field-description">
            One name per line (up to {MAX_OPERATORS}); at the desk each person picks theirs from
            this list.
          </Text>
        </TextField>
        <ErrorAlert error={entering.error} />
        <div className="form-actions">
          <Button type="submit" className="button button-primary" isDisabled={entering.busy}>
            <UserCheck aria-hidden="true" size={16} /> Switch to desk mode
          </Button>
          <BusyStatus busy={entering.busy}>Switching to desk mode…</BusyStatus>
        </div>
      </Form>
    </section>
  )
}
