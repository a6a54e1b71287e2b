/** The contract's methods, implemented over one open Station: one handler map per domain. */
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { stationHandlers } from './station.js'
import { badgeHandlers } from './badges.js'
import { awardHandlers } from './awards.js'
import { recipientHandlers } from './recipients.js'
import { jobHandlers } from './jobs.js'
import { ruleHandlers } from './rules.js'
import { certificateHandlers } from './certificates.js'
import { bundleHandlers } from './bundle.js'
import { analyticsHandlers } from './analytics.js'
import { publishHandlers } from './publish.js'
import { deliveryHandlers } from './delivery.js'
import { siteHandlers } from './site.js'
import { deskHandlers } from './desk.js'

export function createHandlers(station: Station, host: 'electron' | 'web' | 'cli'): Handlers {
  return {
    ...stationHandlers(station, host),
    ...badgeHandlers(station),
    ...awardHandlers(station),
    ...recipientHandlers(station),
    ...jobHandlers(station),
    ...ruleHandlers(station),
    ...certificateHandlers(station),
    ...bundleHandlers(station),
    ...analyticsHandlers(station),
    ...publishHandlers(station),
    ...deliveryHandlers(station),
    ...siteHandlers(station),
    ...deskHandlers(station)
  }
}
