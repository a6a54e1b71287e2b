import type { ReactElement } from 'react'
import { Button } from 'react-aria-components'
import { ErrorAlert } from '../../components/error-alert.js'
import { JobProgress } from '../../components/job-progress.js'
import { plural } from '../../components/format.js'
import type { CertificateExport } from './use-certificate-export.js'

/** Progress of a certificate export, then where the file went (downloaded, saved) and its actions. */
export function CertificateExportStatus({
  exp
}: Readonly<{ exp: CertificateExport }>): ReactElement {
  const { job } = exp
  return (
    <>
      <ErrorAlert error={exp.error} />
      {job ? (
        <div className="certificates-job" aria-live="polite">
          {exp.running ? (
            <>
              <JobProgress label="Certificates written" done={job.done} total={job.total} />
              <Button className="button button-quiet" onPress={exp.cancel}>
                Cancel
              </Button>
            </>
          ) : null}
          {job.state === 'done' ? (
            <>
              <p>
                Saved {plural(job.pages ?? job.done, 'certificate', 'certificates')} to{' '}
                <code className="certificates-path">{job.file}</code>
                {exp.downloaded && exp.fileName ? (
                  <>
                    {' '}
                    and downloaded it as <strong>{exp.fileName}</strong>
                  </>
                ) : null}
                .
              </p>
              <div className="certificates-job-actions">
                <Button className="button button-small" onPress={() => void exp.download()}>
                  {exp.downloaded ? 'Download again' : 'Download'}
                </Button>
                <Button className="button button-small" onPress={() => void exp.reveal()}>
                  Open the folder
                </Button>
              </div>
            </>
          ) : null}
          {job.state === 'cancelled' ? <p>Cancelled; no file was written.</p> : null}
          {job.state === 'failed' ? <p>The export failed: {job.error?.message}</p> : null}
        </div>
      ) : null}
    </>
  )
}
