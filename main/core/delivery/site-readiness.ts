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
 * The records are read once per change of their files, not per question (the delivery service
 * keeps one of these per station).
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import type { Station } from '../station/station.js'
import { bundlesDir, readBundleState } from '../bundle/export-bundle.js'
import { readRecord, targetDir } from '../publish/publish-record.js'
import { readSection } from '../publish/target-store.js'

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
  const section = readSection(station)
  const names = section.targets.map((t) => t.name)
  const chosen = section.defaultTarget ?? (names.length === 1 ? names[0] : undefined)
  return chosen !== undefined ? [chosen] : names
}

export class SiteReadiness {
  readonly #station: Station
  #cached: { stamp: string; onSite: ReadonlySet<string> } | undefined

  constructor(station: Station) {
    this.#station = station
  }

  /** A predicate over award ids: true once the award's credential is on the site. */
  predicate(): (awardId: string) => boolean {
    const station = this.#station
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
    let cached = this.#cached
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
      this.#cached = cached
    }
    const onSite = cached.onSite
    return (awardId) => onSite.has(awardId)
  }
}
