/**
 * "Is this award's credential on the site yet?": the one question a message waits on before it
 * links to the credential page. Today the answer is the bundle record in the data dir (an award
 * whose unit was in an exported bundle); once publishing to targets exists it is asked here too.
 * The record is read once per change of its file, not per question (the delivery service keeps
 * one of these per station).
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { bundlesDir, readBundleState } from '../bundle/export-bundle.js'

function stampOf(file: string): string {
  try {
    const s = statSync(file)
    return `${s.mtimeMs}:${s.size}`
  } catch {
    return 'none'
  }
}

export class SiteReadiness {
  readonly #dataDir: string
  #cached: { stamp: string; exported: ReadonlySet<string> } | undefined

  constructor(dataDir: string) {
    this.#dataDir = dataDir
  }

  /** A predicate over award ids: true once the award's credential is on the site. */
  predicate(): (awardId: string) => boolean {
    const file = path.join(bundlesDir(this.#dataDir), 'state.json')
    const stamp = stampOf(file)
    let cached = this.#cached
    if (!cached || cached.stamp !== stamp) {
      const state = stamp === 'none' ? undefined : readBundleState(this.#dataDir)
      const exported = new Set<string>()
      for (const key of Object.keys(state?.units ?? {})) {
        if (key.startsWith('award:')) exported.add(key.slice('award:'.length))
      }
      cached = { stamp, exported }
      this.#cached = cached
    }
    const exported = cached.exported
    return (awardId) => exported.has(awardId)
  }
}
