/**
 * The one place the UI talks to the certificate export job: start it (for a badge or for some
 * awards), follow it, cancel it, and once it is done hand the file to the browser in `kiln serve`
 * (the app shows its folder instead). When certificate exports join the station's job system,
 * only this file changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CertificateJobState } from '../../../../shared/methods/certificates.js'
import { exportFileName } from '../../../../shared/file-names.js'
import type { KilnError } from '../../../../shared/result.js'
import { useKiln } from '../../api/kiln-context.js'
import { downloadOutput, useHostKind } from '../../components/host-files.js'
import { useMutation } from '../../hooks/use-mutation.js'

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
  job: CertificateJobState | null
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
  const [job, setJob] = useState<CertificateJobState | null>(null)
  const [fileName, setFileName] = useState<string | null>(null)
  const [downloaded, setDownloaded] = useState(false)
  const polling = useRef<ReturnType<typeof setInterval> | null>(null)
  const handled = useRef<string | null>(null)

  useEffect(
    () => () => {
      if (polling.current) clearInterval(polling.current)
    },
    []
  )

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
      const started = await run((client) =>
        client.certificatesExport({
          ...target,
          template: rest.template,
          pageSize: rest.pageSize,
          mode: rest.mode
        })
      )
      if (!started?.ok) return
      const { jobId, total } = started.value
      setDownloaded(false)
      setFileName(exportFileName(title, rest.mode === 'zip' ? 'zip' : 'pdf', 'certificates'))
      setJob({ jobId, state: 'running', done: 0, total, startedAt: new Date().toISOString() })
      if (polling.current) clearInterval(polling.current)
      polling.current = setInterval(() => {
        void kiln.certificatesJob({ jobId }).then((state) => {
          if (!state.ok) return
          setJob(state.value)
          if (state.value.state !== 'running' && polling.current) {
            clearInterval(polling.current)
            polling.current = null
          }
        })
      }, 250)
    },
    [run, kiln]
  )

  const cancel = useCallback(() => {
    if (job) void kiln.certificatesCancel({ jobId: job.jobId })
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
