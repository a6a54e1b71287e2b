/** Handlers of the badge site's settings and recipients' personal pages (showcase). */
import { ok } from '../../../shared/result.js'
import type { SiteResults } from '../../../shared/methods/site.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { siteSettings } from '../site/site-settings.js'
import { setShowcase, showcaseOf } from '../site/personal-pages.js'

export function siteHandlers(station: Station): Pick<Handlers, keyof SiteResults> {
  return {
    'site:settings': async (input) => ok(await siteSettings(station, input)),
    'site:showcase': async (input) => ok(await showcaseOf(station, input.recipientId)),
    'site:setShowcase': async (input) => ok(await setShowcase(station, input))
  }
}
