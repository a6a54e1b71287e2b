import { useCallback, useState, type ReactElement } from 'react'
import type { Badge, BatchPreview, Recipient } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatCount, plural } from '../../components/format.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { SearchPicker } from '../../components/search-picker.js'
import { FormTextField } from '../../components/text-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { useSessionValue } from '../../components/use-session-value.js'
import { BatchPreviewView } from '../award/batch-preview.js'
import { BatchJob, type BatchJobWording } from '../award/batch-job.js'

type AwardSelectedDialogProps = Readonly<{
  people: readonly Recipient[]
  onClose: () => void
}>

type Step =
  | Readonly<{ kind: 'choose' }>
  | Readonly<{ kind: 'preview'; preview: BatchPreview }>
  | Readonly<{ kind: 'running'; jobId: string; total: number }>

const loadBadges = (kiln: KilnApi) => kiln.badgesList({})

/**
 * Award one badge to the recipients selected in the book: pick a published badge, see the same
 * preview as a CSV batch (nothing is issued yet), then award and follow the job to its summary.
 */
export function AwardSelectedDialog({ people, onClose }: AwardSelectedDialogProps): ReactElement {
  // The selection is fixed when the dialog opens (the list behind it refreshes as awards land).
  const [recipients] = useState(people)
  const badges = useKilnQuery(loadBadges, 'badges')
  const [operator, setOperator] = useSessionValue('kiln.operator')
  const [badgeQuery, setBadgeQuery] = useState('')
  const [badge, setBadge] = useState<Badge | null>(null)
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const call = useMutation()
  const [finished, setFinished] = useState(false)
  const markFinished = useCallback(() => setFinished(true), [])
  const count = recipients.length
  const sourceLabel = `the ${plural(count, 'selected person', 'selected people')}`

  const published = badges.phase === 'ready' ? badges.value.badges.filter(isPublished) : []
  const badgeItems = published
    .filter(
      (b) =>
        badge?.id === b.id ||
        b.content.name.toLocaleLowerCase().includes(badgeQuery.trim().toLocaleLowerCase())
    )
    .map((b) => ({ id: b.id, title: b.content.name, detail: b.content.tags.join(' · ') }))

  async function preview(forBadge: Badge): Promise<void> {
    const result = await call.run((kiln) =>
      kiln.awardsBatchPreview({
        badgeId: forBadge.id,
        source: { recipientIds: recipients.map((p) => p.id) }
      })
    )
    if (!result) return
    setStep(result.ok ? { kind: 'preview', preview: result.value } : { kind: 'choose' })
  }

  async function start(previewId: string, total: number, awardValidRows: boolean): Promise<void> {
    const result = await call.run((kiln) =>
      kiln.awardsBatchStart({
        previewId,
        ...(awardValidRows ? { awardValidRows: true } : {}),
        ...(operator.trim() ? { operator: operator.trim() } : {})
      })
    )
    if (result?.ok) setStep({ kind: 'running', jobId: result.value.jobId, total })
  }

  // While a job runs the dialog stays open (Esc and the backdrop do nothing): it shows Cancel.
  const running = step.kind === 'running' && !finished

  return (
    <ModalDialog
      title={`Award a badge to ${plural(count, 'person', 'people')}`}
      isOpen
      isDismissable={!running}
      onOpenChange={(open) => {
        if (!open && !running) onClose()
      }}
    >
      <div className="award-selected">
        {step.kind === 'running' ? (
          <BatchJob
            jobId={step.jobId}
            total={step.total}
            badgeName={badge?.content.name ?? ''}
            onFinished={markFinished}
            onNext={onClose}
            wording={SELECTION_WORDING}
          />
        ) : (
          <>
            <p className="award-selected-who">
              {recipients
                .slice(0, 5)
                .map((p) => p.name)
                .join(', ')}
              {count > 5 ? ` and ${formatCount(count - 5)} more` : ''}
            </p>
            {badges.phase === 'loading' ? <p role="status">Loading badges…</p> : null}
            {badges.phase === 'failed' ? <ErrorAlert error={badges.error} /> : null}
            {badges.phase === 'ready' ? (
              <SearchPicker
                label="Badge to award"
                placeholder="Search badges…"
                description="Only published badges can be awarded. Nothing is awarded until you accept the preview."
                items={badgeItems}
                inputValue={badgeQuery}
                onInputChange={(value) => {
                  setBadgeQuery(value)
                  if (badge && value !== badge.content.name) {
                    setBadge(null)
                    setStep({ kind: 'choose' })
                  }
                }}
                selectedId={badge?.id ?? null}
                onSelect={(item) => {
                  const picked = published.find((b) => b.id === item?.id) ?? null
                  if (!picked) return
                  setBadge(picked)
                  setBadgeQuery(picked.content.name)
                  void preview(picked)
                }}
                autoFocus
                isRequired
                emptyText={
                  published.length === 0
                    ? 'No badge is published yet.'
                    : 'No published badge matches.'
                }
              />
            ) : null}
            <FormTextField
              name="operator"
              label="Awarded by"
              description="Your name, recorded on every award (kept for this session)."
              value={operator}
              onChange={setOperator}
            />
            <BusyStatus busy={call.busy}>Preparing the preview…</BusyStatus>
            <ErrorAlert error={call.error} />
            {step.kind === 'preview' ? (
              <BatchPreviewView
                preview={step.preview}
                badgeName={badge?.content.name ?? ''}
                fileName={sourceLabel}
                busy={call.busy}
                onStart={(valid) =>
                  void start(step.preview.previewId, step.preview.counts.toAward, valid)
                }
                onDiscard={onClose}
              />
            ) : (
              <div className="modal-actions">
                <button type="button" className="button" onClick={onClose}>
                  Cancel
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </ModalDialog>
  )
}

const SELECTION_WORDING: BatchJobWording = {
  headingId: 'selection-job-heading',
  cancelHint:
    'Each award is saved before it is counted. Cancelling keeps the ones already saved; awarding the same people again awards only the rest.',
  rejectedNote: 'left out (no longer in the book).',
  cancelledNote:
    ' Cancelled: the awards above are saved; award the same people again for the rest.',
  actionsClassName: 'modal-actions',
  nextLabel: 'Done',
  focusWhileRunning: true
}

function isPublished(badge: Badge): boolean {
  return badge.status === 'published'
}
