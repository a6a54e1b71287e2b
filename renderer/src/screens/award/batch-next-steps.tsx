/**
 * After a batch: what usually comes next, each one a button away. Certificates for exactly these
 * people, the badge site published (or where to set publishing up), and their e-mails sent (or
 * where to set e-mail up, or a mail-merge file for another mailing tool).
 */
import { FileText, Mail, UploadCloud } from 'lucide-react'
import { useCallback, useState, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import type { KilnApi } from '../../../../shared/api.js'
import { isJobOfKind, type JobState } from '../../../../shared/methods/jobs.js'
import type { Result } from '../../../../shared/result.js'
import { exportFileName, fileDate } from '../../../../shared/file-names.js'
import { csvDataUri } from '../../components/downloads.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { plural } from '../../components/format.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { CertificateExportStatus } from '../certificates/certificate-export-status.js'
import { useCertificateExport } from '../certificates/use-certificate-export.js'
import { useNavigate } from '../navigation.js'
import { useDesk } from '../desk/desk-context.js'
import '../certificates/certificates.css'

type NextStepsProps = Readonly<{
  badgeName: string
  /** The awards this batch issued. */
  awardIds: readonly string[]
  /** The batch's job id (the Outbox filters its messages by it). */
  batchId: string
}>

export function BatchNextSteps({ badgeName, awardIds, batchId }: NextStepsProps): ReactElement {
  // In desk mode publishing and e-mail are the passphrase holder's: certificates only.
  const desk = useDesk()
  return (
    <section className="next-steps" aria-labelledby="next-steps-heading">
      <h3 id="next-steps-heading">Next steps</h3>
      <ul className="next-steps-list">
        <CertificatesStep badgeName={badgeName} awardIds={awardIds} />
        {desk ? null : <PublishStep />}
        {desk ? null : <MailStep badgeName={badgeName} awardIds={awardIds} batchId={batchId} />}
      </ul>
    </section>
  )
}

function CertificatesStep({
  badgeName,
  awardIds
}: Readonly<{ badgeName: string; awardIds: readonly string[] }>): ReactElement {
  const exp = useCertificateExport()
  const start = (mode: 'single-pdf' | 'zip') =>
    void exp.start({
      awardIds,
      template: 'classic',
      pageSize: 'a4',
      mode,
      title: [badgeName, `certificates ${fileDate()}`]
    })
  return (
    <li className="next-step">
      <FileText aria-hidden="true" size={22} className="next-step-icon" />
      <div className="next-step-body">
        <h4>Certificates for this batch</h4>
        <p>
          {awardIds.length === 1
            ? 'A printable PDF certificate for the person just awarded.'
            : `A PDF with a certificate for each of the ${plural(awardIds.length, 'person', 'people')} just awarded, or a zip with one PDF each.`}
        </p>
        <div className="next-step-actions">
          <Button
            className="button button-primary"
            isDisabled={exp.running || awardIds.length === 0}
            onPress={() => start('single-pdf')}
          >
            Certificates (PDF)
          </Button>
          {awardIds.length > 1 ? (
            <Button className="button" isDisabled={exp.running} onPress={() => start('zip')}>
              Certificates (zip)
            </Button>
          ) : null}
        </div>
        <CertificateExportStatus exp={exp} />
      </div>
    </li>
  )
}

const loadPublish = (kiln: KilnApi) => kiln.publishStatus({})
const PUBLISH_DOMAINS = ['awards', 'bundles', 'station'] as const

function PublishStep(): ReactElement {
  const status = useKilnQuery(loadPublish, PUBLISH_DOMAINS)
  const go = useNavigate()
  const action = useMutation()
  const [progress, setProgress] = useState('')
  const [done, setDone] = useState('')
  const value = status.phase === 'ready' ? status.value : null
  const target = value?.target

  const publish = useCallback(async () => {
    setDone('')
    const result = await action.run(async (kiln): Promise<Result<JobState>> => {
      const started = await kiln.publishStart({})
      if (!started.ok) return started
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 400))
        const job = await kiln.jobsGet({ jobId: started.value.jobId })
        if (!job.ok || job.value.state !== 'running') return job
        setProgress(`Publishing: ${job.value.phase ?? ''} ${job.value.done} of ${job.value.total}…`)
      }
    })
    setProgress('')
    if (!result?.ok) return
    const r = isJobOfKind(result.value, 'publish:site') ? result.value.result : undefined
    setDone(
      r
        ? `Published to ${r.target}: ${plural(r.uploaded, 'file', 'files')} uploaded, and checked.`
        : (result.value.error?.message ?? 'Publishing stopped.')
    )
  }, [action])

  return (
    <li className="next-step">
      <UploadCloud aria-hidden="true" size={22} className="next-step-icon" />
      <div className="next-step-body">
        <h4>Publish the badge site</h4>
        {target ? (
          <>
            <p>
              {value.waiting > 0
                ? `${plural(value.waiting, 'award waits', 'awards wait')} to be published to ${target}.`
                : `The site on ${target} is up to date.`}{' '}
              {value.settings.auto ? 'Automatic publishing is on.' : ''}
            </p>
            <div className="next-step-actions">
              <Button
                className="button button-primary"
                isDisabled={action.busy}
                onPress={() => void publish()}
              >
                Publish now
              </Button>
              <Button
                className="button"
                onPress={() => go({ section: 'settings', part: 'settings-publish' })}
              >
                Publishing settings
              </Button>
            </div>
          </>
        ) : (
          <>
            <p>
              Credential pages, the verifier and status lists go on the badge site. Tell Kiln where
              the site lives (a folder, SFTP, S3 or FTP), or export a bundle to copy by hand.
            </p>
            <div className="next-step-actions">
              <Button
                className="button button-primary"
                onPress={() => go({ section: 'settings', part: 'settings-publish' })}
              >
                Set up publishing
              </Button>
              <Button className="button" onPress={() => go({ section: 'sync' })}>
                Export a bundle
              </Button>
            </div>
          </>
        )}
        <p role="status" className="next-step-status">
          {progress || done}
        </p>
        <ErrorAlert error={action.error} />
      </div>
    </li>
  )
}

const loadMail = (kiln: KilnApi) => kiln.outboxSummary({})

function MailStep({ badgeName, awardIds, batchId }: NextStepsProps): ReactElement {
  const summary = useKilnQuery(loadMail, 'outbox')
  const go = useNavigate()
  const action = useMutation()
  const [notice, setNotice] = useState('')
  const configured = summary.phase === 'ready' && summary.value.configured

  async function send(): Promise<void> {
    setNotice('')
    const result = await action.run((kiln) => kiln.deliveryStart({ awardIds: [...awardIds] }))
    if (result?.ok) {
      setNotice('Sending has started; the Outbox shows each message as it leaves.')
    }
  }

  async function mailMerge(): Promise<void> {
    setNotice('')
    const result = await action.run((kiln) => kiln.mailMergeExport({ awardIds: [...awardIds] }))
    if (!result?.ok) return
    const link = document.createElement('a')
    link.href = csvDataUri(result.value.csv)
    link.download = exportFileName([badgeName, `mail merge ${fileDate()}`], 'csv', 'mail merge')
    document.body.append(link)
    link.click()
    link.remove()
    setNotice(`Mail-merge file downloaded (${plural(result.value.rows, 'row', 'rows')}).`)
  }

  return (
    <li className="next-step">
      <Mail aria-hidden="true" size={22} className="next-step-icon" />
      <div className="next-step-body">
        <h4>Send the e-mails</h4>
        {configured ? (
          <>
            <p>
              Each person gets a message with their badge attached and a link to its page. Messages
              wait for the site unless you send them now.
            </p>
            <div className="next-step-actions">
              <Button
                className="button button-primary"
                isDisabled={action.busy}
                onPress={() => void send()}
              >
                Send this batch’s e-mails
              </Button>
              <Button className="button" onPress={() => go({ section: 'outbox', filter: batchId })}>
                Open the Outbox
              </Button>
            </div>
          </>
        ) : (
          <>
            <p>
              E-mail is not set up yet. Enter your mail server once, and every award sends its
              recipient their badge; or download a mail-merge file for another mailing tool.
            </p>
            <div className="next-step-actions">
              <Button
                className="button button-primary"
                onPress={() => go({ section: 'settings', part: 'settings-email' })}
              >
                Set up e-mail
              </Button>
              <Button className="button" isDisabled={action.busy} onPress={() => void mailMerge()}>
                Mail-merge file (CSV)
              </Button>
            </div>
          </>
        )}
        <p role="status" className="next-step-status">
          {notice}
        </p>
        <ErrorAlert error={action.error} />
      </div>
    </li>
  )
}
