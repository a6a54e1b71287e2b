import { useState, type ReactElement } from 'react'
import { Label, Radio, RadioGroup } from 'react-aria-components'
import type { Recipient } from '../../../../shared/types.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { useMutation } from '../../hooks/use-mutation.js'

type MergeDialogProps = Readonly<{
  people: readonly Recipient[]
  onClose: (merged: boolean) => void
}>

/** Merge duplicates into one person: pick whose details to keep; every award stays. */
export function MergeDialog({ people, onClose }: MergeDialogProps): ReactElement {
  const [keepId, setKeepId] = useState(people[0]?.id ?? '')
  const action = useMutation()

  async function merge(): Promise<void> {
    const result = await action.run((kiln) =>
      kiln.recipientsMerge({
        keepId,
        mergeIds: people.filter((p) => p.id !== keepId).map((p) => p.id)
      })
    )
    if (result?.ok) onClose(true)
  }

  return (
    <ModalDialog
      title={`Merge ${people.length} people`}
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose(false))}
    >
      <p>They become one person. Their awards and e-mail addresses are kept together.</p>
      <RadioGroup className="radio-group" value={keepId} onChange={setKeepId}>
        <Label className="field-label">Keep the name and e-mail of</Label>
        {people.map((p) => (
          <Radio key={p.id} value={p.id} className="radio">
            {p.name} · {p.email}
            {p.memberId ? ` · ${p.memberId}` : ''}
          </Radio>
        ))}
      </RadioGroup>
      <ErrorAlert error={action.error} />
      <div className="modal-actions">
        <button type="button" className="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={action.busy || !keepId}
          onClick={() => void merge()}
        >
          Merge
        </button>
      </div>
    </ModalDialog>
  )
}
