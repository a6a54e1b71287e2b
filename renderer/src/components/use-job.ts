import { useEffect, useState } from 'react'
import { isJobOfKind, type JobKind, type JobState } from '../../../shared/methods/jobs.js'
import { useKiln } from '../api/kiln-context.js'

export type JobView<K extends JobKind> = Readonly<{
  done: number
  total: number
  phase?: string
  final: Extract<JobState, { kind: K }> | null
}>

/**
 * Follows a long job of one kind: progress from `job:progress` events, the end from
 * `job:finished`, and a slow `jobs:get` poll as a safety net (an event stream can drop while the
 * job keeps running). A new job id starts a fresh view.
 */
export function useJob<K extends JobKind>(
  jobId: string | null,
  total: number,
  kind: K
): JobView<K> {
  const kiln = useKiln()
  const [state, setState] = useState<{ jobId: string | null; view: JobView<K> }>({
    jobId,
    view: { done: 0, total, final: null }
  })

  useEffect(() => {
    if (!jobId) return
    let active = true
    let finished = false
    const update = (next: (v: JobView<K>) => JobView<K>): void =>
      setState((s) => ({
        jobId,
        view: next(s.jobId === jobId ? s.view : { done: 0, total, final: null })
      }))
    const check = (): void => {
      void kiln.jobsGet({ jobId }).then((result) => {
        if (!active || !result.ok || !isJobOfKind(result.value, kind)) return
        const job = result.value
        if (job.state !== 'running') {
          finished = true
          update(() => ({ done: job.done, total: job.total, final: job }))
        } else {
          update((v) =>
            v.final ? v : { ...v, done: Math.max(v.done, job.done), total: job.total }
          )
        }
      })
    }
    const offProgress = kiln.on('job:progress', (event) => {
      if (event.jobId !== jobId || finished) return
      update((v) =>
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
  }, [kiln, jobId, kind, total])

  return state.jobId === jobId ? state.view : { done: 0, total, final: null }
}
