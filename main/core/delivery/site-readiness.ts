/**
 * "Is this award's credential on the site yet?": the one question a message waits on before it
 * links to the credential page. Today the answer is the bundle record in the data dir (an award
 * whose unit was in an exported bundle); once publishing to targets exists it is asked here too.
 * The record is read once per change of its file, not per question.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import type { Station } from '../station/station.js'
import { bundlesDir, readBundleState } from '../bundle/export-bundle.js'

type Cached = { stamp: string; exported: ReadonlySet<string> }
const cache = new WeakMap<Station, Cached>()

function stampOf(file: string): string {
  try {
    const s = statSync(file)
    return `${s.mtimeMs}:${s.size}`
  } catch {
    return 'none'
  }
}

/** A predicate over award ids: true once the award's credential is on the site. */
export function siteReadiness(station: Station): (awardId: string) => boolean {
  const file = path.join(bundlesDir(station.paths.dataDir), 'state.json')
  const stamp = stampOf(file)
  let cached = cache.get(station)
  if (!cached || cached.stamp !== stamp) {
    const state = stamp === 'none' ? undefined : readBundleState(station.paths.dataDir)
    const exported = new Set<string>()
    for (const key of Object.keys(state?.units ?? {})) {
      if (key.startsWith('award:')) exported.add(key.slice('award:'.length))
    }
    cached = { stamp, exported }
    cache.set(station, cached)
  }
  const exported = cached.exported
  return (awardId) => exported.has(awardId)
}
