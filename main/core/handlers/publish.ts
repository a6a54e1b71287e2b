/** Handlers of publishing: targets, publish jobs, status and settings. */
import { ok } from '../../../shared/result.js'
import type { PublishResults } from '../../../shared/methods/publish.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { connectTarget, holdingOf } from '../publish/publish-site.js'
import { readRecord } from '../publish/publish-record.js'
import {
  findTarget,
  readSection,
  removeTarget,
  saveTarget,
  targetView,
  updateSettings
} from '../publish/target-store.js'

export function publishHandlers(station: Station): Pick<Handlers, keyof PublishResults> {
  const service = station.publisher
  const view = (name: string): ReturnType<typeof targetView> => {
    const target = findTarget(station, name)
    const last = service.lastPublished(target)
    return { ...targetView(station, target), ...(last ? { lastPublished: last } : {}) }
  }
  return {
    'publish:targets': async () => {
      station.requireInitialized()
      return ok({ targets: readSection(station).targets.map((t) => view(t.name)) })
    },
    'publish:saveTarget': async (input) => {
      station.requireInitialized()
      const { target, movedPlace } = await saveTarget(station, input)
      if (movedPlace) service.forget(target.name)
      station.bus.emit('data:changed', { domain: 'station' })
      return ok(view(target.name))
    },
    'publish:removeTarget': async (input) => {
      station.requireInitialized()
      const removed = await removeTarget(station, input.name)
      service.forget(removed.name)
      station.bus.emit('data:changed', { domain: 'station' })
      return ok({ removed: removed.name })
    },
    'publish:testTarget': async (input) => {
      station.requireInitialized()
      const target = findTarget(station, input.name)
      // Connecting runs outside the mutation queue (method-kinds.ts: 'connects'); pinning the
      // server's identity on first use is a change, so it takes the queue.
      const { transport, identity } = await connectTarget(station, target, (fn) =>
        station.queue.run(fn)
      )
      try {
        const holding = await holdingOf(
          station,
          transport,
          readRecord(station.paths.dataDir, target.name) !== undefined
        )
        const message =
          holding.holds === 'empty'
            ? 'Connected. The target is empty: the first publish uploads the whole site.'
            : holding.holds === 'this-station'
              ? `Connected. The target holds this station's site (bundle ${holding.seq}).`
              : `Connected, but Kiln will not publish there: ${holding.message}`
        return ok({
          target: target.name,
          holds: holding.holds,
          message,
          ...(identity
            ? {
                pinned: {
                  kind: identity.pin.kind,
                  fingerprint: identity.pin.fingerprint,
                  new: identity.new
                }
              }
            : {})
        })
      } finally {
        await transport.close()
      }
    },
    'publish:start': async (input) => ok(service.start(input.target, Boolean(input.full))),
    'publish:status': async () => {
      station.requireInitialized()
      return ok(service.status())
    },
    'publish:settings': async (input) => {
      station.requireInitialized()
      const settings = await updateSettings(station, input)
      station.bus.emit('data:changed', { domain: 'station' })
      return ok(settings)
    }
  }
}
