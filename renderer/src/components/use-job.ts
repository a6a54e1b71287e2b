import { useEffect, useState } from 'react'
import { isJobOfKind, type JobKind, type JobState } from '../../../shared/methods/jobs.js'
import { kiln } from '../api/client.js'

export type JobView<K extends JobKind> = Readonly<{
  done: number
  total: number
  phase?: string
  final: Extract<JobState, { kind: K }> | null
}>

/**
 * Follows a long job: progress from `job:progress` events, the end from `job:finished`, and a
 * slow `jobs:get` poll as a safety net (an event stream can drop while the job keeps running).
 */
export function useJob<K extends JobKind>(
  jobId: string | null,
  total: number,
  kind: K
): JobView<K> {
  const [view, setView] = useState<JobView<K>>({ done: 0, total, final: null })

  useEffect(() => {
    if (!jobId) return
    let active = true
    let finished = false
    const check = (): void => {
      void kiln.jobsGet({ jobId }).then((result) => {
        if (!active || !result.ok || !isJobOfKind(result.value, kind)) return
        const job = result.value
        if (job.state !== 'running') {
          finished = true
          setView({ done: job.done, total: job.total, final: job })
        } else {
          setView((v) =>
            v.final ? v : { ...v, done: Math.max(v.done, job.done), total: job.total }
          )
        }
      })
    }
    const offProgress = kiln.on('job:progress', (event) => {
      if (event.jobId !== jobId || finished) return
      setView((v) =>
        v.final
          ? v
          : {
              done: Math.max(v.done, event.done),
              total: event.total,
              phase: event.phase,
              final: null
            }
      )
    })
    const offFinished = kiln.on('job:finished', (event) => {
      if (event.jobId === jobId) check()
    })
    const timer = setInterval(() => {
      if (!finished) check()
    }, 1000)
    check()
    return () => {
      active = false
      offProgress()
      offFinished()
      clearInterval(timer)
    }
  }, [jobId, kind])

  return view
}
