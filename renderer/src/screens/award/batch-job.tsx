import { useEffect, useRef, useState, type ReactElement } from 'react'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatCount, plural } from '../../components/format.js'
import { JobProgress } from '../../components/job-progress.js'
import { useJob } from '../../components/use-job.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { BatchNextSteps } from './batch-next-steps.js'

/** What differs between a batch from a file and one from selected recipients. */
export type BatchJobWording = Readonly<{
  headingId: string
  /** Under the progress bar: how a cancelled batch can be finished later. */
  cancelHint: string
  /** After "N rejected" in the summary. */
  rejectedNote: string
  /** Appended to the summary of a cancelled batch. */
  cancelledNote: string
  actionsClassName: string
  /** The summary's button: "Start another batch", "Done"… */
  nextLabel: string
  /** Focus the progress heading while running too (inside a dialog, focus follows the content). */
  focusWhileRunning?: boolean
}>

export const FILE_BATCH_WORDING: BatchJobWording = {
  headingId: 'batch-job-heading',
  cancelHint:
    'Each award is saved before it is counted. Cancelling keeps the ones already saved; running the same file again awards only the rest.',
  rejectedNote: 'rejected rows left out.',
  cancelledNote: ' Cancelled: the awards above are saved; run the file again to award the rest.',
  actionsClassName: 'form-actions',
  nextLabel: 'Start another batch'
}

type BatchJobProps = Readonly<{
  jobId: string
  total: number
  badgeName: string
  onNext: () => void
  onFinished?: () => void
  wording?: BatchJobWording
}>

/** A running batch (progress, Cancel) and, once it ends, what it did. */
export function BatchJob({
  jobId,
  total,
  badgeName,
  onNext,
  onFinished,
  wording = FILE_BATCH_WORDING
}: BatchJobProps): ReactElement {
  const view = useJob(jobId, total, 'awards:batch')
  const cancelJob = useMutation()
  // Cancelling stays shown until the job reports its end (the core stops between two awards).
  const [cancelling, setCancelling] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const final = view.final
  const focusWhileRunning = wording.focusWhileRunning === true

  useEffect(() => {
    if (final || focusWhileRunning) headingRef.current?.focus()
    if (final) onFinished?.()
  }, [final, focusWhileRunning, onFinished])

  async function cancel(): Promise<void> {
    setCancelling(true)
    const result = await cancelJob.run((kiln) => kiln.jobsCancel({ jobId }))
    if (result && !result.ok) setCancelling(false)
  }

  if (!final) {
    return (
      <section className="batch-job" aria-labelledby={wording.headingId}>
        <h2 id={wording.headingId} ref={focusWhileRunning ? headingRef : undefined} tabIndex={-1}>
          Awarding {badgeName}…
        </h2>
        <JobProgress
          label="Batch progress"
          done={view.done}
          total={view.total}
          phase={view.phase}
        />
        <div className={wording.actionsClassName}>
          <button
            type="button"
            className="button"
            onClick={() => void cancel()}
            disabled={cancelling}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
        <p className="muted">{wording.cancelHint}</p>
        <ErrorAlert error={cancelJob.error} />
      </section>
    )
  }

  const issuedIds = final.result?.issued.map((i) => i.id) ?? []
  const issued = final.result?.issued.length ?? final.done
  const skipped = final.result?.skipped.length ?? 0
  const rejected = final.result?.rejected.length ?? 0
  const title =
    final.state === 'done'
      ? 'Batch finished'
      : final.state === 'cancelled'
        ? 'Batch cancelled'
        : 'Batch stopped'
  return (
    <section className="batch-job" aria-labelledby={wording.headingId}>
      <h2 id={wording.headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <p role="status" className={final.state === 'done' ? 'notice notice-success' : 'notice'}>
        Awarded {badgeName} to {plural(issued, 'person', 'people')}.
        {skipped > 0 ? ` ${formatCount(skipped)} skipped (they already hold it).` : ''}
        {rejected > 0 ? ` ${formatCount(rejected)} ${wording.rejectedNote}` : ''}
        {final.state === 'cancelled' ? wording.cancelledNote : ''}
        {final.state === 'failed' && final.error ? ` ${final.error.message}` : ''}
      </p>
      <dl className="stats">
        <div className="stat stat-good">
          <dt>Awarded</dt>
          <dd>{formatCount(issued)}</dd>
        </div>
        <div className="stat stat-neutral">
          <dt>Skipped</dt>
          <dd>{formatCount(skipped)}</dd>
        </div>
        <div className={rejected > 0 ? 'stat stat-bad' : 'stat stat-neutral'}>
          <dt>Rejected</dt>
          <dd>{formatCount(rejected)}</dd>
        </div>
      </dl>
      {issuedIds.length > 0 ? (
        <BatchNextSteps badgeName={badgeName} awardIds={issuedIds} batchId={jobId} />
      ) : null}
      <div className={wording.actionsClassName}>
        <button type="button" className="button" onClick={onNext}>
          {wording.nextLabel}
        </button>
      </div>
    </section>
  )
}
