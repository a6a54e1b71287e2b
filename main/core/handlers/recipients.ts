/** Handlers of the recipient book. */
import { ok } from '../../../shared/result.js'
import type { RecipientResults } from '../../../shared/methods/recipients.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import {
  createRecipient,
  mergeRecipients,
  updateRecipient,
  viewRecipient
} from '../recipients/recipient-service.js'
import { importRecipients, previewRecipientImport } from '../recipients/import.js'

export function recipientHandlers(station: Station): Pick<Handlers, keyof RecipientResults> {
  return {
    'recipients:list': async (input) => {
      const ids = station.recipients.search(input.query)
      const offset = input.offset ?? 0
      const page = ids.slice(offset, offset + (input.limit ?? ids.length))
      return ok({ recipients: page.map((id) => viewRecipient(station, id)), total: ids.length })
    },
    'recipients:get': async (input) => {
      const recipient = viewRecipient(station, input.id)
      const { awards } = station.awards.query({ emails: recipient.emails })
      return ok({ recipient, awards })
    },
    'recipients:create': async (input) => ok(createRecipient(station, input)),
    'recipients:update': async (input) => ok(updateRecipient(station, input)),
    'recipients:merge': async (input) => ok(mergeRecipients(station, input)),
    'recipients:importPreview': async (input) => ok(previewRecipientImport(station, input)),
    'recipients:import': async (input) => ok(importRecipients(station, input))
  }
}
