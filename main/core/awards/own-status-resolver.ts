/**
 * The station knows its own revocations: when it verifies a credential in its own UI, the
 * status lists at its own URLs (list 1 and every list it rolled over to) are answered from the journal (signed now with its current key, as
 * the next bundle will publish it) instead of "not available offline". Other lists stay unknown.
 */
import type { StatusListResolver } from '../credentials/verify.js'
import { ownStatusListsInputs, signOwnStatusList } from '../bundle/own-status-list.js'
import type { Station } from '../station/station.js'

export function ownStatusListResolver(station: Station): StatusListResolver | undefined {
  if (!station.initialized || station.locked) return undefined
  return async (url) => {
    const inputs = ownStatusListsInputs(station).find((l) => l.url === url)
    return inputs ? signOwnStatusList(station, inputs) : undefined
  }
}
