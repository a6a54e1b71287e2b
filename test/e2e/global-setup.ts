/**
 * Build the CLI/web host and the renderer once before the e2e run, so the tests drive the
 * current code. Set KILN_E2E_SKIP_BUILD=1 when out/ was just built (e.g. by `npm test`).
 */
import { execFileSync } from 'node:child_process'
import { REPO_ROOT } from '../vendor-paths.js'

export default function globalSetup(): void {
  if (process.env.KILN_E2E_SKIP_BUILD === '1') return
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' })
}
