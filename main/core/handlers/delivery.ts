/** Handlers of delivery: e-mail settings and templates, the outbox, sending, mail merge, imported badges. */
import { ok } from '../../../shared/result.js'
import type { DeliveryResults } from '../../../shared/methods/delivery.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { fail } from '../failure.js'
import {
  mailSettingsView,
  resetTemplate,
  saveTemplate,
  setMailOptions,
  setupMail,
  smtpAccess
} from '../delivery/mail-settings.js'
import { sendTestMessage } from '../delivery/test-message.js'
import { previewMessage } from '../delivery/preview.js'
import { deliveriesOf, deliveryView, outboxSummary } from '../delivery/delivery-state.js'
import { cancelMessages, queueAwards, resendMessages, retryMessages } from '../delivery/queue.js'
import { planDelivery } from '../delivery/sender.js'
import { mailMerge } from '../delivery/mail-merge.js'
import {
  importBadge,
  importedBadgesFor,
  removeImportedBadge
} from '../delivery/imports/import-badge.js'

export function deliveryHandlers(station: Station): Pick<Handlers, keyof DeliveryResults> {
  const changed = (): void => station.bus.emit('data:changed', { domain: 'outbox' })
  return {
    'mail:settings': async () => {
      station.requireInitialized()
      return ok(mailSettingsView(station))
    },
    'mail:setup': async (input) => {
      const view = await setupMail(station, input)
      changed()
      return ok(view)
    },
    'mail:options': async (input) => {
      const view = await setMailOptions(station, input)
      changed()
      return ok(view)
    },
    'mail:test': async (input) => ok(await sendTestMessage(station, input.to)),
    'mail:saveTemplate': async (input) => ok(await saveTemplate(station, input)),
    'mail:resetTemplate': async (input) => ok(await resetTemplate(station, input.badgeId)),
    'mail:preview': async (input) =>
      ok(await previewMessage(station, input.awardId, input.template)),
    'outbox:list': async (input) => {
      station.requireInitialized()
      const view = deliveryView(station)
      const outbox = station.outbox
      const { messages, total } = outbox.query(input, view.ctx)
      return ok({ messages, total, counts: outbox.counts(view.ctx), batches: outbox.batchList() })
    },
    'outbox:get': async (input) => {
      station.requireInitialized()
      const message = deliveryView(station).message(input.id, true)
      if (!message) fail('NOT_FOUND', `There is no message with id "${input.id}".`, { field: 'id' })
      return ok(message)
    },
    'outbox:summary': async () => {
      station.requireInitialized()
      return ok(outboxSummary(station))
    },
    'outbox:forAwards': async (input) => {
      station.requireInitialized()
      return ok({ deliveries: deliveriesOf(station, input.awardIds) })
    },
    'outbox:queue': async (input) => ok({ queued: queueAwards(station, input.awardIds) }),
    'outbox:retry': async (input) => ok({ messages: retryMessages(station, input.ids) }),
    'outbox:cancel': async (input) =>
      ok({ messages: cancelMessages(station, input.ids, station.delivery.runtime.inFlight) }),
    'outbox:resend': async (input) => ok({ queued: resendMessages(station, input.ids) }),
    'delivery:start': async (input) => {
      station.requireInitialized()
      // MAIL_NOT_CONFIGURED or LOCKED now rather than inside the job (the password is sealed).
      smtpAccess(station)
      return ok({
        jobId: station.delivery.start({
          ...(input.awardIds ? { awardIds: input.awardIds } : {}),
          ...(input.now ? { now: true } : {})
        })
      })
    },
    'delivery:plan': async (input) =>
      ok(
        planDelivery(station, {
          ...(input.awardIds ? { awardIds: input.awardIds } : {}),
          ...(input.now ? { now: true } : {})
        })
      ),
    'mailMerge:export': async (input) => ok(mailMerge(station, input)),
    'recipients:importBadge': async (input) => ok(await importBadge(station, input)),
    'recipients:importedBadges': async (input) =>
      ok({ badges: importedBadgesFor(station, input.recipientId) }),
    'recipients:removeImportedBadge': async (input) => ok(removeImportedBadge(station, input.id))
  }
}
