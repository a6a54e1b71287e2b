import { Award as AwardIcon, Keyboard } from 'lucide-react'
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { Label, TextArea, TextField } from 'react-aria-components'
import type { MethodInput } from '../../../../shared/contract.js'
import { err, type KilnError } from '../../../../shared/result.js'
import type { Award, Badge, Recipient } from '../../../../shared/types.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { SearchPicker } from '../../components/search-picker.js'
import { FormTextField } from '../../components/text-field.js'
import { useSessionValue } from '../../components/use-session-value.js'
import { AwardConfirmation } from './award-confirmation.js'
import { DuplicateDialog } from './duplicate-dialog.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { useShortcut, useShortcutHelp } from '../../shortcuts/shortcut-provider.js'
import { RecipientField, type NewPerson } from './recipient-field.js'
import { useDesk } from '../desk/desk-context.js'

type DeskFormProps = Readonly<{ badges: readonly Badge[]; siteUrl?: string }>

type Done = Readonly<{ award: Award; badgeName: string }>

function problem(message: string): KilnError {
  return err('INVALID_INPUT', message).error
}

/** The person already holds this badge: the desk asks before awarding it again. */
function isDuplicate(error: KilnError): boolean {
  return error.code === 'CONFLICT' && Boolean(error.details?.existingAwardId)
}

/** The desk: one person, one badge, a few keystrokes. */
export function DeskForm({ badges, siteUrl }: DeskFormProps): ReactElement {
  const published = badges.filter((b) => b.status === 'published')
  const [typedOperator, setOperator] = useSessionValue('kiln.operator')
  // In desk mode the operator is the name chosen in the desk band, from the holder's list.
  const desk = useDesk()
  const operator = desk ? (desk.operator ?? '') : typedOperator
  const [query, setQuery] = useState('')
  const [recipient, setRecipient] = useState<Recipient | null>(null)
  const [newPerson, setNewPerson] = useState<NewPerson | null>(null)
  // The chosen badge outlives a change of screen and a reload (kept for this tab).
  const [badgeId, setBadgeId] = useSessionValue('kiln.desk.badge')
  const remembered = published.find((b) => b.id === badgeId) ?? null
  const [badgeQuery, setBadgeQuery] = useState(remembered?.content.name ?? '')
  const [badge, setBadgeState] = useState<Badge | null>(remembered)
  const setBadge = (next: Badge | null): void => {
    setBadgeState(next)
    if (next) setBadgeId(next.id)
  }
  const [narrative, setNarrative] = useState('')
  const [evidenceUrl, setEvidenceUrl] = useState('')
  const issue = useMutation()
  const [askDuplicate, setAskDuplicate] = useState(false)
  const openHelp = useShortcutHelp()
  const [done, setDone] = useState<Done | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const badgeRef = useRef<HTMLInputElement>(null)

  const needle = badgeQuery.trim().toLocaleLowerCase()
  const badgeItems = published
    .filter(
      (b) =>
        badge?.id === b.id || needle === '' || b.content.name.toLocaleLowerCase().includes(needle)
    )
    .map((b) => ({
      id: b.id,
      title: b.content.name,
      detail: [b.content.achievementType, ...b.content.tags].join(' · ')
    }))

  async function submit(allowDuplicate = false): Promise<void> {
    if (issue.busy) return
    const who = recipient
      ? { recipientId: recipient.id }
      : newPerson && newPerson.name.trim() && newPerson.email.trim()
        ? { name: newPerson.name.trim(), email: newPerson.email.trim() }
        : null
    if (!who) {
      issue.setError(
        problem(newPerson ? 'Give the new person’s name and e-mail.' : 'Pick a recipient.')
      )
      return
    }
    if (!badge) {
      issue.setError(problem('Pick a badge.'))
      badgeRef.current?.focus()
      return
    }
    if (desk && !desk.operator) {
      issue.setError(problem('Choose your name as the operator at the top of the desk first.'))
      document.getElementById('desk-operator')?.focus()
      return
    }
    const input: MethodInput<'awards:issue'> = {
      badgeId: badge.id,
      ...who,
      ...(narrative.trim() ? { narrative: narrative.trim() } : {}),
      ...(evidenceUrl.trim() ? { evidenceUrl: evidenceUrl.trim() } : {}),
      ...(operator.trim() ? { operator: operator.trim() } : {}),
      ...(allowDuplicate ? { allowDuplicate: true } : {})
    }
    const result = await issue.run((kiln) => kiln.awardsIssue(input), { expected: isDuplicate })
    if (!result) return
    if (!result.ok) {
      if (isDuplicate(result.error)) setAskDuplicate(true)
      return
    }
    setDone({ award: result.value, badgeName: badge.content.name })
    setRecipient(null)
    setNewPerson(null)
    setQuery('')
    setNarrative('')
    setEvidenceUrl('')
    searchRef.current?.focus()
  }

  const submitRef = useRef(submit)
  useEffect(() => {
    submitRef.current = submit
  })

  useEffect(() => {
    searchRef.current?.focus()
  }, [])

  useShortcut('award', () => void submitRef.current())

  const holderName = recipient?.name ?? newPerson?.name ?? ''

  return (
    <div className="desk">
      <form
        className="desk-form"
        aria-label="Award one person"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <RecipientField
          query={query}
          onQueryChange={setQuery}
          recipient={recipient}
          onRecipient={(picked) => {
            setRecipient(picked)
            if (picked) issue.setError(null)
            if (picked && !badge) setTimeout(() => badgeRef.current?.focus(), 0)
          }}
          newPerson={newPerson}
          onNewPerson={(person) => {
            setNewPerson(person)
            if (person) issue.setError(null)
          }}
          inputRef={searchRef}
        />
        <SearchPicker
          label="Badge"
          description={
            published.length === 0 ? 'No published badges yet: publish one first.' : undefined
          }
          placeholder="Search badges…"
          items={badgeItems}
          inputValue={badgeQuery}
          onInputChange={(value) => {
            setBadgeQuery(value)
            if (badge && value !== badge.content.name) setBadge(null)
          }}
          selectedId={badge?.id ?? null}
          onSelect={(item) => {
            const picked = published.find((b) => b.id === item?.id) ?? null
            if (!picked) return
            setBadge(picked)
            setBadgeQuery(picked.content.name)
          }}
          inputRef={badgeRef}
          isRequired
          emptyText="No published badge matches."
        />
        <details className="desk-more">
          <summary>Narrative and evidence (optional)</summary>
          <div className="desk-more-fields">
            <TextField className="field" value={narrative} onChange={setNarrative} name="narrative">
              <Label className="field-label">
                Narrative <span className="field-optional">(optional)</span>
              </Label>
              <TextArea className="field-input desk-textarea" rows={3} />
            </TextField>
            <FormTextField
              name="evidenceUrl"
              label="Evidence link"
              type="url"
              description="A public https:// page that shows the work."
              value={evidenceUrl}
              onChange={setEvidenceUrl}
            />
          </div>
        </details>
        {desk ? null : (
          <FormTextField
            name="operator"
            label="Awarded by"
            description="Your name, recorded on every award you make here (kept for this session)."
            value={typedOperator}
            onChange={setOperator}
          />
        )}
        <ErrorAlert error={issue.error} />
        <div className="form-actions desk-actions">
          <button
            type="submit"
            className="button button-primary button-large"
            aria-keyshortcuts="Control+Enter Alt+A"
          >
            <AwardIcon aria-hidden="true" size={18} /> Award
          </button>
          <kbd className="desk-hint" aria-hidden="true">
            Ctrl+Enter
          </kbd>
          <BusyStatus busy={issue.busy}>Signing the credential…</BusyStatus>
          <button
            type="button"
            className="button button-small button-quiet desk-help"
            aria-keyshortcuts="?"
            onClick={openHelp}
          >
            <Keyboard aria-hidden="true" size={16} /> Keyboard shortcuts
          </button>
        </div>
      </form>
      <div className="desk-result">
        <p className="visually-hidden" role="status">
          {done ? `Awarded ${done.badgeName} to ${done.award.recipientName}.` : ''}
        </p>
        {done ? (
          <AwardConfirmation
            key={done.award.id}
            award={done.award}
            badgeName={done.badgeName}
            siteUrl={siteUrl}
          />
        ) : (
          <div className="desk-placeholder">
            <p>The award appears here with a QR code of its credential page, to show or scan.</p>
          </div>
        )}
      </div>
      <DuplicateDialog
        isOpen={askDuplicate}
        recipientName={holderName}
        badgeName={badge?.content.name ?? ''}
        onCancel={() => {
          setAskDuplicate(false)
          searchRef.current?.focus()
        }}
        onAwardAgain={() => {
          setAskDuplicate(false)
          void submit(true)
        }}
      />
    </div>
  )
}
