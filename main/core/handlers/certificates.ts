/** Handlers of PDF certificates. */
import { ok } from '../../../shared/result.js'
import type { CertificateResults } from '../../../shared/methods/certificates.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { fail } from '../failure.js'
import { CertificateJobs } from '../pdf/certificate-jobs.js'
import {
  checkDestination,
  defaultDestination,
  exportCertificates,
  previewCertificate,
  resolveAwardIds
} from '../pdf/export-certificates.js'

export function certificateHandlers(station: Station): Pick<Handlers, keyof CertificateResults> {
  const jobs = new CertificateJobs(station.bus)
  const job = (jobId: string) =>
    jobs.get(jobId) ??
    fail('NOT_FOUND', `There is no certificate job "${jobId}".`, { field: 'jobId' })
  return {
    'certificates:preview': async (input) => ok(await previewCertificate(station, input)),
    'certificates:export': async (input) => {
      const awardIds = resolveAwardIds(station, input)
      const outFile = checkDestination(
        input.outFile ?? defaultDestination(station, input.mode),
        input.overwrite
      )
      const jobId = jobs.start(awardIds.length, (hooks) =>
        exportCertificates(station, awardIds, { ...input, outFile }, hooks)
      )
      return ok({ jobId, total: awardIds.length })
    },
    'certificates:job': async (input) => ok(job(input.jobId)),
    'certificates:cancel': async (input) => {
      job(input.jobId)
      return ok(jobs.cancel(input.jobId) ?? job(input.jobId))
    }
  }
}
