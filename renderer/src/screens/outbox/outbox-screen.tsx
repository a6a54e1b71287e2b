import { Send } from 'lucide-react'
import { useCallback, useState, type ReactElement } from 'react'
import { Button, Checkbox, Input, Label, SearchField } from 'react-aria-components'
import type { MessageState, OutboxMessage } from '../../../../shared/methods/delivery.js'
import type { JobState } from '../../../../shared/methods/jobs.js'
import type { KilnApi } from '../../../../shared/api.js'
import { BusyStatus } from '../../components/busy-status.js'
import { csvDataUri } from '../../components/downloads.js'
import { exportFileName, fileDate } from '../../../../shared/file-names.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { EmptyState, NoMatches } from '../../components/empty-state.js'
import { formatCount, formatDate } from '../../components/format.js'
import { JobProgress } from '../../components/job-progress.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { SelectField } from '../../components/select-field.js'
import { useJob } from '../../components/use-job.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { DeliveryStatus } from './delivery-status.js'
import { useArrival, useNavigate } from '../navigation.js'
import { deliveryDetail } from './delivery-labels.js'
import '../../components/awarding.css'
import './outbox.css'

const STATES: ReadonlyArray<readonly [MessageState | '', string]> = [
  ['', 'All'],
  ['queued', 'Queued'],
  ['sending', 'Sending or interrupted'],
  ['sent', 'Sent'],
  ['failed', 'Failed'],
  ['cancelled', 'Cancelled']
]

const LIMIT = 500
const loadBadges = (kiln: KilnApi) => kiln.badgesList({})
const loadSummary = (kiln: KilnApi) => kiln.outboxSummary({})

type Action = 'retry' | 'cancel' | 'resend'
type Confirm = Readonly<{ action: Action; messages: readonly OutboxMessage[] }>

const ACTION_TEXT: Readonly<
  Record<Action, { title: string; verb: string; body: (n: string) => string }>
> = {
  retry: {
    title: 'Retry the message?',
    verb: 'Retry',
    body: (who) =>
      `Kiln puts the message to ${who} back in the queue; it leaves with the next sending.`
  },
  cancel: {
    title: 'Cancel the message?',
    verb: 'Cancel message',
    body: (who) => `The message to ${who} will not be sent. The award itself is not changed.`
  },
  resend: {
    title: 'Send the message again?',
    verb: 'Send again',
    body: (who) =>
      `${who} gets a new message with the badge attached, even if the earlier one arrived.`
  }
}

function actionsFor(m: OutboxMessage): Action[] {
  if (m.state === 'failed') return ['retry', 'resend']
  if (m.state === 'queued') return ['cancel']
  if (m.state === 'sending' && m.interrupted) return ['cancel']
  if (m.state === 'sent' || m.state === 'cancelled') return ['resend']
  return []
}

/** The outbox: every message with its state, filters, sending, and retry / cancel / resend. */
export function OutboxScreen(): ReactElement {
  const badges = useKilnQuery(loadBadges, 'badges')
  const summary = useKilnQuery(loadSummary, 'outbox')
  const [state, setState] = useState<MessageState | ''>('')
  const [badgeId, setBadgeId] = useState('')
  // "Open the Outbox" after a batch opens it on that batch's messages.
  const arrival = useArrival()
  const go = useNavigate()
  const [batchId, setBatchId] = useState(
    arrival?.section === 'outbox' ? (arrival.filter ?? '') : ''
  )
  const [query, setQuery] = useState('')
  const [confirm, setConfirm] = useState<Confirm | null>(null)
  const [notice, setNotice] = useState('')
  const [sendNow, setSendNow] = useState(false)
  const [job, setJob] = useState<{ id: string } | null>(null)
  // Starting a run, and the other actions (mail merge, retry, cancel, resend): one error line.
  const starting = useMutation()
  const acting = useMutation()
  const error = starting.error ?? acting.error
  const load = useCallback(
    (kiln: KilnApi) =>
      kiln.outboxList({
        ...(state ? { state } : {}),
        ...(badgeId ? { badgeId } : {}),
        ...(batchId ? { batchId } : {}),
        ...(query.trim() ? { query: query.trim() } : {}),
        limit: LIMIT
      }),
    [state, badgeId, batchId, query]
  )
  const list = useKilnQuery(load, 'outbox')
  const progress = useJob(job?.id ?? null, 0, 'delivery:send')
  const names = new Map(
    badges.phase === 'ready' ? badges.value.badges.map((b) => [b.id, b.content.name] as const) : []
  )
  const view = list.phase === 'ready' ? list.value : null
  const counts = view?.counts
  const info = summary.phase === 'ready' ? summary.value : null

  async function startSending(): Promise<void> {
    setNotice('')
    acting.setError(null)
    const result = await starting.run((kiln) => kiln.deliveryStart(sendNow ? { now: true } : {}))
    if (result?.ok) setJob({ id: result.value.jobId })
  }

  /** The mail-merge CSV of the awards these filters show (badge, batch), for another mailing tool. */
  async function exportMailMerge(): Promise<void> {
    setNotice('')
    starting.setError(null)
    const result = await acting.run((kiln) =>
      kiln.mailMergeExport({
        ...(badgeId ? { badgeId } : {}),
        ...(batchId ? { batchId } : {}),
        ...(state === 'queued' || state === 'failed' ? { undelivered: true } : {})
      })
    )
    if (!result?.ok) return
    const link = document.createElement('a')
    link.href = csvDataUri(result.value.csv)
    link.download = exportFileName(
      ['Mail merge', badgeId ? (names.get(badgeId) ?? '') : '', fileDate()],
      'csv',
      'mail merge'
    )
    document.body.append(link)
    link.click()
    link.remove()
    setNotice(`Mail-merge file with ${formatCount(result.value.rows)} row(s) downloaded.`)
  }

  async function confirmAction(c: Confirm): Promise<void> {
    const ids = c.messages.map((m) => m.id)
    setNotice('')
    starting.setError(null)
    const result = await acting.run<unknown>((kiln) =>
      c.action === 'retry'
        ? kiln.outboxRetry({ ids })
        : c.action === 'cancel'
          ? kiln.outboxCancel({ ids })
          : kiln.outboxResend({ ids })
    )
    if (!result) return
    setConfirm(null)
    if (result.ok) {
      setNotice(
        c.action === 'retry'
          ? 'Queued again.'
          : c.action === 'cancel'
            ? 'Cancelled.'
            : 'A new message is queued.'
      )
    }
  }

  const interrupted = view?.messages.filter((m) => m.interrupted) ?? []
  const running = job !== null && progress.final === null

  return (
    <div className="awarding outbox-screen">
      <ScreenHeading>Outbox</ScreenHeading>
      {info && !info.configured ? (
        <div className="notice outbox-setup">
          <p>E-mail is not set up yet: messages wait here until you enter the mail server.</p>
          <Button
            className="button button-primary"
            onPress={() => go({ section: 'settings', part: 'settings-email' })}
          >
            Set up e-mail
          </Button>
        </div>
      ) : null}
      {counts ? (
        <ul className="outbox-summary" aria-label="Messages by state">
          <li>
            <strong>{formatCount(counts.queued)}</strong> queued
            {counts.waitingForSite > 0
              ? ` (${formatCount(counts.waitingForSite)} waiting for the site)`
              : ''}
          </li>
          <li>
            <strong>{formatCount(counts.sent)}</strong> sent
          </li>
          <li>
            <strong>{formatCount(counts.failed)}</strong> failed
          </li>
          <li>
            <strong>{formatCount(counts.cancelled)}</strong> cancelled
          </li>
          {counts.waitingForConnection > 0 ? (
            <li>
              <strong>{formatCount(counts.waitingForConnection)}</strong> waiting for a connection
            </li>
          ) : null}
        </ul>
      ) : null}
      <div className="outbox-send">
        <Button
          className="button button-primary"
          isDisabled={running || starting.busy}
          onPress={() => void startSending()}
        >
          <Send aria-hidden="true" size={16} /> Send queued messages
        </Button>
        <Checkbox className="checkbox-field" isSelected={sendNow} onChange={setSendNow}>
          <span className="checkbox-field-box" aria-hidden="true" />
          Also those whose credential is not on the site yet
        </Checkbox>
        <BusyStatus busy={starting.busy}>Starting…</BusyStatus>
        <Button className="button" isDisabled={acting.busy} onPress={() => void exportMailMerge()}>
          Export mail-merge CSV
        </Button>
      </div>
      {job ? (
        progress.final ? (
          <SendingResult final={progress.final} />
        ) : (
          <JobProgress label="Sending messages" done={progress.done} total={progress.total} />
        )
      ) : null}
      {interrupted.length > 0 ? (
        <div className="notice outbox-interrupted" role="note">
          {formatCount(interrupted.length)} message{interrupted.length === 1 ? ' was' : 's were'}{' '}
          being sent when Kiln stopped: {interrupted.map((m) => m.email).join(', ')}. They may have
          arrived; the next sending sends them again (they may arrive twice), or cancel them.
        </div>
      ) : null}
      <div className="toolbar">
        <SearchField className="field" value={query} onChange={setQuery}>
          <Label className="field-label">Search messages</Label>
          <Input className="field-input" placeholder="Name, e-mail or award" />
        </SearchField>
        <SelectField
          label="State"
          value={state}
          onChange={setState}
          options={STATES.map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          label="Badge"
          value={badgeId}
          onChange={setBadgeId}
          options={[
            { value: '', label: 'All badges' },
            ...[...names].map(([value, label]) => ({ value, label }))
          ]}
        />
        <SelectField
          label="Batch"
          value={batchId}
          onChange={setBatchId}
          options={[
            { value: '', label: 'All batches' },
            ...(view?.batches ?? []).map((b) => ({
              value: b.id,
              label: `${b.label} (${formatCount(b.messages)})`
            }))
          ]}
        />
      </div>
      <ErrorAlert error={list.phase === 'failed' ? list.error : error} />
      <p role="status" className="visually-hidden">
        {notice}
      </p>
      {notice ? <p className="notice notice-success">{notice}</p> : null}
      {view && view.total === 0 ? (
        state || badgeId || batchId || query ? (
          <NoMatches
            onClear={() => {
              setState('')
              setBadgeId('')
              setBatchId('')
              setQuery('')
            }}
          >
            No message matches these filters.
          </NoMatches>
        ) : (
          <EmptyState
            actions={
              <Button className="button" onPress={() => go({ section: 'award' })}>
                Award a badge
              </Button>
            }
          >
            No messages yet.{' '}
            {info?.configured
              ? 'Every new award queues one here for its recipient.'
              : 'Once e-mail is set up, every new award queues one here for its recipient.'}
          </EmptyState>
        )
      ) : null}
      {view && view.total > 0 && (counts?.waitingForSite ?? 0) > 0 ? (
        <p className="muted outbox-site-note">
          Messages link to the credential’s page, so those waiting for the site leave once a bundle
          holding their credential is exported or published; tick the box above to send them now.
        </p>
      ) : null}
      {view && view.total > 0 ? (
        <table className="outbox-table" aria-label="Messages">
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Badge</th>
              <th scope="col">Queued</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.messages.map((m) => {
              // Waiting for the site is said once, above the table, not on every row.
              const detail = m.waiting === 'site' ? undefined : deliveryDetail(m)
              return (
                <tr key={m.id}>
                  <th scope="row" className="outbox-person">
                    <strong>{m.name}</strong>
                    <span className="muted">{m.email}</span>
                  </th>
                  <td>
                    {names.get(m.badgeId) ?? m.badgeId}
                    {m.kind === 'reissue' ? <span className="muted"> · correction</span> : null}
                    {m.kind === 'resend' ? <span className="muted"> · sent again</span> : null}
                  </td>
                  <td>{formatDate(m.queuedAt)}</td>
                  <td>
                    <DeliveryStatus delivery={m} />
                    {detail ? <span className="outbox-reason">{detail}</span> : null}
                  </td>
                  <td>
                    <div className="outbox-actions">
                      {actionsFor(m).map((action) => (
                        <Button
                          key={action}
                          className="button button-small"
                          aria-label={`${ACTION_TEXT[action].verb}: ${m.name}`}
                          onPress={() => setConfirm({ action, messages: [m] })}
                        >
                          {ACTION_TEXT[action].verb}
                        </Button>
                      ))}
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}
      {view && view.total > view.messages.length ? (
        <p className="outbox-more">
          Showing the newest {formatCount(view.messages.length)} of {formatCount(view.total)}; use
          the filters to find others.
        </p>
      ) : null}
      {confirm ? (
        <ModalDialog
          title={ACTION_TEXT[confirm.action].title}
          role="alertdialog"
          isOpen
          onOpenChange={(open) => {
            if (!open) setConfirm(null)
          }}
        >
          <p>
            {ACTION_TEXT[confirm.action].body(
              confirm.messages.map((m) => `${m.name} <${m.email}>`).join(', ')
            )}
          </p>
          <div className="form-actions">
            <Button
              className={`button ${confirm.action === 'cancel' ? 'button-danger' : 'button-primary'}`}
              isDisabled={acting.busy}
              onPress={() => void confirmAction(confirm)}
            >
              {ACTION_TEXT[confirm.action].verb}
            </Button>
            <Button className="button" slot="close">
              Keep as it is
            </Button>
          </div>
        </ModalDialog>
      ) : null}
    </div>
  )
}

/** What a finished sending run did (its job's result). */
function SendingResult({
  final
}: Readonly<{ final: Extract<JobState, { kind: 'delivery:send' }> }>): ReactElement {
  const r = final.result
  if (!r) {
    return (
      <div role="status" className="notice">
        Sending stopped.{final.error ? ` ${final.error.message}` : ''}
      </div>
    )
  }
  return (
    <div role="status" className={r.stopped ? 'notice' : 'notice notice-success'}>
      Sent {formatCount(r.report.sent.length)}, failed {formatCount(r.report.failed.length)},{' '}
      {formatCount(r.report.waiting)} still waiting.
      {r.stopped ? ` ${r.stopped.message}` : ''}
      {r.repeated.length > 0
        ? ` ${formatCount(r.repeated.length)} interrupted message(s) were sent again and may arrive twice.`
        : ''}
    </div>
  )
}
