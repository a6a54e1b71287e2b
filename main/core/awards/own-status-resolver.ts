/**
 * The station knows its own revocations: when it verifies a credential in its own UI, the
 * status list at its own URL is answered from the journal (signed now with its current key, as
 * the next bundle will publish it) instead of "not available offline". Other lists stay unknown.
 */
import type { StatusListResolver } from '../credentials/verify.js'
import { signOwnStatusList } from '../bundle/own-status-list.js'
import type { Station } from '../station/station.js'

export function ownStatusListResolver(station: Station): StatusListResolver | undefined {
  if (!station.initialized || station.locked) return undefined
  const ownUrl = station.catalog.statusList.url
  return async (url) => (url === ownUrl ? signOwnStatusList(station) : undefined)
}
