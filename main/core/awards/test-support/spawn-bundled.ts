/** The awarding tests' child processes (the batch writer), run as real Node processes. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnBundled as spawn, type Child } from '../../../../test/support/spawn-bundled.js'

export {
  removeBundles as removeBundle,
  type Child
} from '../../../../test/support/spawn-bundled.js'

const here = path.dirname(fileURLToPath(import.meta.url))

export function spawnBundled(script: string, args: string[]): Child {
  return spawn(path.join(here, script), args, { KILN_SCRYPT_N: '16384' })
}
