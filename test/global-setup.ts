/** Build the Node entry points once before the tests that drive the real CLI and host. */
import { execFileSync } from 'node:child_process'

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], { stdio: 'inherit' })
}
