/** The storage tests' child processes (journal writer, lock holder), run as real Node processes. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnBundled, type Child } from '../../../../test/support/spawn-bundled.js'

export { removeBundles, type Child } from '../../../../test/support/spawn-bundled.js'

const here = path.dirname(fileURLToPath(import.meta.url))
type Script = 'journal-writer.ts' | 'lock-holder.ts'

export function spawnScript(script: Script, args: string[]): Child {
  return spawnBundled(path.join(here, script), args)
}
