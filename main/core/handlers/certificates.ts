/** Handlers of PDF certificates: a preview, and exports as a job (kind 'certificates:export'). */
import { ok } from '../../../shared/result.js'
import type { CertificateResults } from '../../../shared/methods/certificates.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import {
  checkDestination,
  defaultDestination,
  exportCertificates,
  previewCertificate,
  resolveAwardIds
} from '../pdf/export-certificates.js'

export function certificateHandlers(station: Station): Pick<Handlers, keyof CertificateResults> {
  return {
    'certificates:preview': async (input) => ok(await previewCertificate(station, input)),
    'certificates:export': async (input) => {
      const awardIds = resolveAwardIds(station, input)
      const outFile = checkDestination(
        input.outFile ?? defaultDestination(station, input.mode),
        input.overwrite
      )
      const jobId = station.jobs.start(
        'certificates:export',
        { total: awardIds.length },
        (control) => exportCertificates(station, awardIds, { ...input, outFile }, control)
      )
      return ok({ jobId, total: awardIds.length })
    }
  }
}
