import type { ReactElement } from 'react'
import './job-progress.css'

type JobProgressProps = Readonly<{ label: string; done: number; total: number; phase?: string }>

const count = new Intl.NumberFormat('en')

/** A labelled <progress> with its figures as text ("312 of 10,000"). */
export function JobProgress({ label, done, total, phase }: JobProgressProps): ReactElement {
  const text = `${count.format(done)} of ${count.format(total)}`
  return (
    <div className="job-progress">
      <progress
        className="job-progress-bar"
        aria-label={label}
        aria-valuetext={text}
        max={Math.max(total, 1)}
        value={Math.min(done, total)}
      />
      <p className="job-progress-text">
        {text}
        {phase ? <span className="job-progress-phase"> · {phase}</span> : null}
      </p>
    </div>
  )
}
