import { useEffect, useRef, useState, type ReactElement } from 'react'
import type { KilnError } from '../../../../shared/result.js'
import { kiln } from '../../api/client.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatCount, plural } from '../../components/format.js'
import { JobProgress } from '../../components/job-progress.js'
import { useJob } from '../../components/use-job.js'

type BatchJobProps = Readonly<{
  jobId: string
  total: number
  badgeName: string
  onAnother: () => void
}>

/** A running batch (progress, Cancel) and, once it ends, what it did. */
export function BatchJob({ jobId, total, badgeName, onAnother }: BatchJobProps): ReactElement {
  const view = useJob(jobId, total)
  const [cancelling, setCancelling] = useState(false)
  const [error, setError] = useState<KilnError | null>(null)
  const summaryRef = useRef<HTMLHeadingElement>(null)
  const final = view.final

  useEffect(() => {
    if (final) summaryRef.current?.focus()
  }, [final])

  async function cancel(): Promise<void> {
    setCancelling(true)
    const result = await kiln.jobsCancel({ jobId })
    if (!result.ok) setError(result.error)
  }

  if (!final) {
    return (
      <section className="batch-job" aria-labelledby="batch-job-heading">
        <h2 id="batch-job-heading">Awarding {badgeName}…</h2>
        <JobProgress
          label="Batch progress"
          done={view.done}
          total={view.total}
          phase={view.phase}
        />
        <div className="form-actions">
          <button
            type="button"
            className="button"
            onClick={() => void cancel()}
            disabled={cancelling}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
        <p className="muted">
          Each award is saved before it is counted. Cancelling keeps the ones already saved; running
          the same file again awards only the rest.
        </p>
        <ErrorAlert error={error} />
      </section>
    )
  }

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
    <section className="batch-job" aria-labelledby="batch-job-heading">
      <h2 id="batch-job-heading" ref={summaryRef} tabIndex={-1}>
        {title}
      </h2>
      <p role="status" className={final.state === 'done' ? 'notice notice-success' : 'notice'}>
        Awarded {badgeName} to {plural(issued, 'person', 'people')}.
        {skipped > 0 ? ` ${formatCount(skipped)} skipped (they already hold it).` : ''}
        {rejected > 0 ? ` ${formatCount(rejected)} rejected rows left out.` : ''}
        {final.state === 'cancelled'
          ? ' Cancelled: the awards above are saved; run the file again to award the rest.'
          : ''}
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
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onAnother}>
          Start another batch
        </button>
      </div>
    </section>
  )
}
