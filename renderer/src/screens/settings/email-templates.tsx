import { useCallback, useEffect, useState, type ReactElement } from 'react'
import { Button, Checkbox, Form } from 'react-aria-components'
import type { MailPreview, MailSettingsView } from '../../../../shared/methods/delivery.js'
import type { KilnError } from '../../../../shared/result.js'
import type { KilnApi } from '../../../../shared/api.js'
import { useKiln } from '../../api/kiln-context.js'
import { BusyStatus } from '../../components/busy-status.js'
import { EmptyState } from '../../components/empty-state.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { SelectField } from '../../components/select-field.js'
import { useNavigate } from '../navigation.js'
import { FormTextField } from '../../components/text-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { MessagePreview } from './message-preview.js'

const loadBadges = (kiln: KilnApi) => kiln.badgesList({})
const PREVIEW_DELAY_MS = 300

/** The message templates (station default, or one per badge), with a live preview for a real award. */
export function TemplateEditor({ view }: Readonly<{ view: MailSettingsView }>): ReactElement {
  const badges = useKilnQuery(loadBadges, 'badges')
  const [target, setTarget] = useState('')
  const own = view.templates.badges.find((b) => b.badgeId === target)?.template
  const current = own ?? view.templates.station
  return (
    <div className="template-section">
      <h3>Message</h3>
      <SelectField
        label="Template for"
        value={target}
        onChange={setTarget}
        options={[
          { value: '', label: 'Every badge (station default)' },
          ...(badges.phase === 'ready'
            ? badges.value.badges.map((b) => ({
                value: b.id,
                label: view.templates.badges.some((t) => t.badgeId === b.id)
                  ? `${b.content.name} (own template)`
                  : b.content.name
              }))
            : [])
        ]}
      />
      <TemplateForm
        key={`${target}:${current.subject}:${current.body}:${String(current.attachPdf)}`}
        badgeId={target}
        initial={current}
        custom={target ? own !== undefined : view.templates.stationCustom}
        placeholders={view.placeholders}
      />
    </div>
  )
}

type TemplateFormProps = Readonly<{
  badgeId: string
  initial: { subject: string; body: string; attachPdf: boolean }
  custom: boolean
  placeholders: readonly string[]
}>

function TemplateForm({ badgeId, initial, custom, placeholders }: TemplateFormProps): ReactElement {
  const [subject, setSubject] = useState(initial.subject)
  const [body, setBody] = useState(initial.body)
  const [attachPdf, setAttachPdf] = useState(initial.attachPdf)
  const saving = useMutation()
  const { busy, error } = saving
  const [notice, setNotice] = useState('')

  async function save(): Promise<void> {
    setNotice('')
    const result = await saving.run((kiln) =>
      kiln.mailSaveTemplate({ ...(badgeId ? { badgeId } : {}), subject, body, attachPdf })
    )
    if (result?.ok) setNotice('Template saved.')
  }

  async function reset(): Promise<void> {
    setNotice('')
    await saving.run((kiln) => kiln.mailResetTemplate(badgeId ? { badgeId } : {}))
  }

  return (
    <div className="template-editor">
      <Form
        className="form"
        aria-label="Message template"
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <FormTextField
          name="subject"
          label="Subject"
          isRequired
          value={subject}
          onChange={setSubject}
        />
        <div className="field">
          <label className="field-label" htmlFor="template-body">
            Message
          </label>
          <textarea
            id="template-body"
            aria-describedby="template-body-help"
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <p id="template-body-help" className="field-description">
            Plain text; a blank line starts a new paragraph. Kiln adds the badge image, the links
            (credential page, LinkedIn, image download) and attaches the badge. Placeholders:
          </p>
          <ul className="placeholder-list" aria-label="Placeholders">
            {placeholders.map((p) => (
              <li key={p}>
                <code>{`{{${p}}}`}</code>
              </li>
            ))}
          </ul>
        </div>
        <Checkbox className="checkbox-field" isSelected={attachPdf} onChange={setAttachPdf}>
          <span className="checkbox-field-box" aria-hidden="true" />
          Attach the PDF certificate too
        </Checkbox>
        <ErrorAlert error={error} />
        {notice ? (
          <p className="notice notice-success" role="status">
            {notice}
          </p>
        ) : null}
        <div className="form-actions">
          <Button type="submit" className="button button-primary" isDisabled={busy}>
            Save template
          </Button>
          {custom ? (
            <Button className="button" isDisabled={busy} onPress={() => void reset()}>
              {badgeId ? 'Use the station default' : 'Use Kiln’s default'}
            </Button>
          ) : null}
          <BusyStatus busy={busy}>Saving…</BusyStatus>
        </div>
      </Form>
      <LivePreview badgeId={badgeId} template={{ subject, body, attachPdf }} />
    </div>
  )
}

type PreviewProps = Readonly<{
  badgeId: string
  template: { subject: string; body: string; attachPdf: boolean }
}>

/** The message as a real recipient would get it, updated as the template is typed. */
function LivePreview({ badgeId, template }: PreviewProps): ReactElement {
  const kiln = useKiln()
  const go = useNavigate()
  const loadAwards = useCallback(
    (kiln: KilnApi) =>
      kiln.awardsList({ ...(badgeId ? { badgeId } : {}), status: 'active', limit: 50 }),
    [badgeId]
  )
  const awards = useKilnQuery(loadAwards, 'awards')
  const list = awards.phase === 'ready' ? awards.value.awards : []
  const [awardId, setAwardId] = useState('')
  const chosen = list.some((a) => a.id === awardId) ? awardId : (list[0]?.id ?? '')
  const [preview, setPreview] = useState<MailPreview | null>(null)
  const [error, setError] = useState<KilnError | null>(null)
  const { subject, body, attachPdf } = template

  useEffect(() => {
    if (!chosen) return
    let active = true
    const timer = setTimeout(() => {
      void kiln
        .mailPreview({ awardId: chosen, template: { subject, body, attachPdf } })
        .then((result) => {
          if (!active) return
          if (result.ok) {
            setPreview(result.value)
            setError(null)
          } else setError(result.error)
        })
    }, PREVIEW_DELAY_MS)
    return () => {
      active = false
      clearTimeout(timer)
    }
  }, [kiln, chosen, subject, body, attachPdf])

  return (
    <div aria-labelledby="mail-preview-heading">
      <h4 id="mail-preview-heading">Preview</h4>
      {list.length === 0 ? (
        <EmptyState
          actions={
            <Button className="button" onPress={() => go({ section: 'award' })}>
              Award a badge
            </Button>
          }
        >
          Award this badge to someone to see the message they would get.
        </EmptyState>
      ) : (
        <SelectField
          label="As sent to"
          value={chosen}
          onChange={setAwardId}
          options={list.map((a) => ({
            value: a.id,
            label: `${a.recipientName} <${a.recipientEmail}>`
          }))}
        />
      )}
      <ErrorAlert error={error} />
      {preview && chosen ? (
        <>
          <p className="mail-preview-meta">
            To: {preview.to}
            <br />
            Subject: <strong>{preview.subject}</strong>
            <br />
            Attached: {preview.attachments.map((a) => a.filename).join(', ')}
          </p>
          <MessagePreview html={preview.html} />
          <details>
            <summary>Plain-text part</summary>
            <pre className="mail-preview-text">{preview.text}</pre>
          </details>
        </>
      ) : null}
    </div>
  )
}
