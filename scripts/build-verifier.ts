/** Writes out/site/verifier.js and out/site/site.js, the scripts every exported site carries. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  buildSiteScript,
  siteScriptEntry,
  siteScriptGlobal
} from '../main/core/site/verifier-bundle.js'

mkdirSync('out/site', { recursive: true })
for (const [name, file] of [
  ['verifier', 'verifier.js'],
  ['site', 'site.js']
] as const) {
  const text = await buildSiteScript(path.resolve(siteScriptEntry(name)), siteScriptGlobal(name))
  writeFileSync(path.join('out/site', file), text)
}
