/**
 * "Is this award's credential on the site yet?": the one question a message waits on before it
 * links to the credential page.
 *
 * - With a publish target set up, the site is where Kiln publishes it: an award is on the site
 *   once a verified publish to the default target (else the only target; with several and no
 *   default, any of them) carried it — publishing's own record of that publish
 *   (publish/targets/<name>/record.json, written only after the target was read back and
 *   checked). An export alone does not count: the bundle may never be copied anywhere.
 * - Without one, the operator copies exported bundles to the site: an award is on the site once
 *   its unit was in an exported bundle (bundles/state.json).
 *
 * The records are read once per change of their files, not per question.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import type { Station } from '../station/station.js'
import { bundlesDir, readBundleState } from '../bundle/export-bundle.js'
import { readRecord, targetDir } from '../publish/publish-record.js'
import { readSection } from '../publish/target-store.js'
import { logger } from '../logger.js'

type Cached = { stamp: string; onSite: ReadonlySet<string> }
const cache = new WeakMap<Station, Cached>()

function stampOf(file: string): string {
  try {
    const s = statSync(file)
    return `${s.mtimeMs}:${s.size}`
  } catch {
    return 'none'
  }
}

/** The targets whose publishes count (see the module comment); none: bundles count. */
function countingTargets(station: Station): string[] {
  let section: ReturnType<typeof readSection>
  try {
    section = readSection(station)
  } catch {
    logger.warn('the publishing settings cannot be read; messages wait for an exported bundle')
    return []
  }
  const names = section.targets.map((t) => t.name)
  const chosen = section.defaultTarget ?? (names.length === 1 ? names[0] : undefined)
  return chosen !== undefined ? [chosen] : names
}

/** A predicate over award ids: true once the award's credential is on the site. */
export function siteReadiness(station: Station): (awardId: string) => boolean {
  const dataDir = station.paths.dataDir
  const targets = countingTargets(station)
  // publish-record.ts keeps a target's record in record.json of its folder.
  const files =
    targets.length > 0
      ? targets.map((name) => path.join(targetDir(dataDir, name), 'record.json'))
      : [path.join(bundlesDir(dataDir), 'state.json')]
  const stamp = [
    targets.length > 0 ? 'published' : 'exported',
    ...files.map((f) => `${f}=${stampOf(f)}`)
  ].join('|')
  let cached = cache.get(station)
  if (!cached || cached.stamp !== stamp) {
    const onSite = new Set<string>()
    if (targets.length > 0) {
      for (const name of targets) {
        for (const id of readRecord(dataDir, name)?.awards ?? []) onSite.add(id)
      }
    } else if (stampOf(files[0] ?? '') !== 'none') {
      for (const key of Object.keys(readBundleState(dataDir)?.units ?? {})) {
        if (key.startsWith('award:')) onSite.add(key.slice('award:'.length))
      }
    }
    cached = { stamp, onSite }
    cache.set(station, cached)
  }
  const onSite = cached.onSite
  return (awardId) => onSite.has(awardId)
}
