/** What changed since the last export (by unit digest, nothing rendered) and the export history. */
import type { BundleStatus, BundleHistoryEntry } from '../../../shared/methods/bundle.js'
import type { Station } from '../station/station.js'
import { siteScripts } from '../site/verifier-bundle.js'
import { readBundleState, readHistory } from './export-bundle.js'
import { readMergedStations } from './merged-stations.js'
import { collectSiteUnits } from './site-units.js'

export async function bundleStatus(station: Station): Promise<BundleStatus> {
  const state = readBundleState(station.paths.dataDir)
  const snapshot = await collectSiteUnits(
    station,
    readMergedStations(station.paths.dataDir),
    await siteScripts()
  )
  const pending = { awards: 0, badges: 0, statusLists: 0, site: 0 }
  for (const unit of snapshot.units) {
    if (state?.units[unit.key]?.digest === unit.digest) continue
    if (unit.key.startsWith('award:')) pending.awards++
    else if (unit.key.startsWith('badge:')) pending.badges++
    else if (unit.key.startsWith('status:')) pending.statusLists++
    else pending.site++
  }
  const history: BundleHistoryEntry[] = readHistory(station.paths.dataDir).reverse()
  return { lastSeq: state?.seq ?? 0, pending, history }
}
