import { UserPlus } from 'lucide-react'
import { useEffect, useRef, type ReactElement, type Ref } from 'react'
import type { Recipient } from '../../../../shared/types.js'
import { FormTextField } from '../../components/text-field.js'
import { SearchPicker, type PickerItem } from '../../components/search-picker.js'
import { chooseOnEnter } from './recipient-match.js'
import { useRecipientSearch } from './use-recipient-search.js'

export type NewPerson = Readonly<{ name: string; email: string }>

type RecipientFieldProps = Readonly<{
  query: string
  onQueryChange: (query: string) => void
  recipient: Recipient | null
  onRecipient: (recipient: Recipient | null) => void
  newPerson: NewPerson | null
  onNewPerson: (person: NewPerson | null) => void
  inputRef: Ref<HTMLInputElement>
}>

function describe(recipient: Recipient): string {
  const parts = [recipient.email]
  if (recipient.memberId) parts.push(`member ${recipient.memberId}`)
  if (recipient.awardCount > 0) {
    parts.push(`${recipient.awardCount} award${recipient.awardCount === 1 ? '' : 's'}`)
  }
  return parts.join(' · ')
}

/** A guess at the new person from what was typed: an e-mail goes to e-mail, anything else to name. */
export function newPersonFrom(query: string): NewPerson {
  const text = query.trim()
  return text.includes('@') ? { name: '', email: text } : { name: text, email: '' }
}

/** Who receives the award: type-ahead over the recipient book, or a new person added inline. */
export function RecipientField(props: RecipientFieldProps): ReactElement {
  const search = useRecipientSearch(props.recipient ? '' : props.query)
  // The text typed now (an answer that arrives for older text picks nothing).
  const latestQuery = useRef(props.query)
  useEffect(() => {
    latestQuery.current = props.query
  }, [props.query])
  const items: PickerItem[] = search.results.map((r) => ({
    id: r.id,
    title: r.name,
    detail: describe(r)
  }))
  const { resultsFor, results } = search
  const { onRecipient, onNewPerson, onQueryChange } = props

  function pick(picked: Recipient): void {
    onRecipient(picked)
    onNewPerson(null)
    onQueryChange(picked.name)
  }

  /** Enter: an exact e-mail or member id wins, looked up now if the search has not answered yet. */
  async function enter(text: string): Promise<void> {
    if (props.recipient && text === props.recipient.name) return
    const people = await resultsFor(text)
    if (latestQuery.current.trim() !== text.trim()) return
    const choice = chooseOnEnter(text, people)
    if (choice.kind === 'pick') pick(choice.recipient)
    else if (choice.kind === 'new') onNewPerson(newPersonFrom(text))
  }

  const nobodyFound =
    !props.recipient &&
    props.query.trim() !== '' &&
    search.settledQuery === props.query.trim() &&
    search.results.length === 0

  return (
    <div className="desk-recipient">
      <SearchPicker
        label="Recipient"
        description="Type a name, e-mail or member id, then Enter."
        placeholder="Search people…"
        items={props.recipient ? [{ id: props.recipient.id, title: props.recipient.name }] : items}
        inputValue={props.query}
        onInputChange={(value) => {
          props.onQueryChange(value)
          if (props.recipient && value !== props.recipient.name) props.onRecipient(null)
        }}
        selectedId={props.recipient?.id ?? null}
        onSelect={(item) => {
          const picked = item ? (results.find((r) => r.id === item.id) ?? null) : null
          if (picked) pick(picked)
        }}
        onEnter={(text) => void enter(text)}
        emptyText={
          props.query.trim() === ''
            ? undefined
            : nobodyFound
              ? 'Nobody matches. Press Enter to add a new person.'
              : 'Searching…'
        }
        inputRef={props.inputRef}
        autoFocus
        isRequired
      />
      {props.recipient ? (
        <p className="desk-picked" aria-live="polite">
          {describe(props.recipient)}
        </p>
      ) : null}
      {nobodyFound && !props.newPerson ? (
        <div className="desk-nobody" role="status">
          <span>Nobody matches “{props.query.trim()}”.</span>
          <button
            type="button"
            className="button button-small"
            onClick={() => props.onNewPerson(newPersonFrom(props.query))}
          >
            <UserPlus aria-hidden="true" size={16} /> Add a new person
          </button>
        </div>
      ) : null}
      {props.newPerson && !props.recipient ? (
        <fieldset className="desk-new-person">
          <legend>New person</legend>
          <FormTextField
            name="newName"
            label="Full name"
            isRequired
            autoFocus={props.newPerson.name === ''}
            value={props.newPerson.name}
            onChange={(name) => props.onNewPerson({ name, email: props.newPerson?.email ?? '' })}
          />
          <FormTextField
            name="newEmail"
            label="E-mail"
            type="email"
            isRequired
            autoFocus={props.newPerson.name !== '' && props.newPerson.email === ''}
            value={props.newPerson.email}
            onChange={(email) => props.onNewPerson({ name: props.newPerson?.name ?? '', email })}
          />
          <button
            type="button"
            className="button button-small"
            onClick={() => props.onNewPerson(null)}
          >
            Search again instead
          </button>
        </fieldset>
      ) : null}
    </div>
  )
}
