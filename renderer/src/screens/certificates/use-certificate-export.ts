/**
 * The one place the UI talks to the certificate export job: start it (for a badge or for some
 * awards), follow it, cancel it, and once it is done hand the file to the browser in `kiln serve`
 * (the app shows its folder instead). The export is a job of the station's job system
 * (`certificates:export`), followed by useJob.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { exportFileName } from '../../../../shared/file-names.js'
import type { JobStatus } from '../../../../shared/methods/jobs.js'
import type { KilnError } from '../../../../shared/result.js'
import { useKiln } from '../../api/kiln-context.js'
import { downloadOutput, useHostKind } from '../../components/host-files.js'
import { useJob } from '../../components/use-job.js'
import { useMutation } from '../../hooks/use-mutation.js'

/** What the panels show of a certificate export job. */
export type CertificateJobView = Readonly<{
  jobId: string
  state: JobStatus
  done: number
  total: number
  /** Once done: the file written and its page count. */
  file?: string
  pages?: number
  error?: Readonly<{ message: string }>
}>

export type CertificateTemplate = 'classic' | 'modern'
export type CertificatePage = 'a4' | 'letter'

export type CertificateRequest = Readonly<
  ({ badgeId: string } | { awardIds: readonly string[] }) & {
    template: CertificateTemplate
    pageSize: CertificatePage
    mode: 'single-pdf' | 'zip'
    /** What the download is called, without extension: "Speaker NOSS 2026 - certificates". */
    title: readonly string[]
  }
>

export type CertificateExport = Readonly<{
  job: CertificateJobView | null
  running: boolean
  busy: boolean
  error: KilnError | null
  /** The name the finished file was (or will be) downloaded under. */
  fileName: string | null
  /** Whether the finished file was handed to the browser. */
  downloaded: boolean
  start: (request: CertificateRequest) => Promise<void>
  cancel: () => void
  download: () => Promise<void>
  reveal: () => Promise<void>
}>

export function useCertificateExport(): CertificateExport {
  const kiln = useKiln()
  const host = useHostKind()
  const action = useMutation()
  const run = action.run
  const [started, setStarted] = useState<{ jobId: string; total: number } | null>(null)
  const [fileName, setFileName] = useState<string | null>(null)
  const [downloaded, setDownloaded] = useState(false)
  const handled = useRef<string | null>(null)
  const view = useJob(started?.jobId ?? null, started?.total ?? 0, 'certificates:export')

  const job = useMemo((): CertificateJobView | null => {
    if (!started) return null
    const final = view.final
    if (!final) {
      return { jobId: started.jobId, state: 'running', done: view.done, total: view.total }
    }
    return {
      jobId: started.jobId,
      state: final.state,
      done: final.done,
      total: final.total,
      ...(final.result ? { file: final.result.file, pages: final.result.pages } : {}),
      ...(final.error ? { error: { message: final.error.message } } : {})
    }
  }, [started, view])

  const download = useCallback(async () => {
    if (!job?.file || !fileName) return
    const result = await run((client) => downloadOutput(client, job.file ?? '', fileName))
    if (result?.ok) setDownloaded(true)
  }, [run, job, fileName])

  // In the browser host a finished export downloads by itself, once.
  useEffect(() => {
    if (host !== 'web' || job?.state !== 'done' || handled.current === job.jobId) return
    handled.current = job.jobId
    void download()
  }, [host, job, download])

  const start = useCallback(
    async (request: CertificateRequest) => {
      const { title, ...rest } = request
      const target =
        'badgeId' in rest ? { badgeId: rest.badgeId } : { awardIds: [...rest.awardIds] }
      const answer = await run((client) =>
        client.certificatesExport({
          ...target,
          template: rest.template,
          pageSize: rest.pageSize,
          mode: rest.mode
        })
      )
      if (!answer?.ok) return
      setDownloaded(false)
      setFileName(exportFileName(title, rest.mode === 'zip' ? 'zip' : 'pdf', 'certificates'))
      setStarted(answer.value)
    },
    [run]
  )

  const cancel = useCallback(() => {
    if (job) void kiln.jobsCancel({ jobId: job.jobId })
  }, [kiln, job])

  const reveal = useCallback(async () => {
    if (job?.file) await run((client) => client.hostRevealPath({ path: job.file ?? '' }))
  }, [run, job])

  return {
    job,
    running: job?.state === 'running',
    busy: action.busy,
    error: action.error,
    fileName,
    downloaded,
    start,
    cancel,
    download,
    reveal
  }
}
