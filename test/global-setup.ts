/** Build the Node entry points once before the tests that drive the real CLI and host. */
import { spawnSync } from 'node:child_process'

export default function setup(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--node-only'], {
    stdio: 'inherit'
  })
  if (result.status !== 0) {
    // Unit tests of the core still run; tests that drive the CLI will fail and say why.
    process.stderr.write('global-setup: the CLI build failed; CLI and host tests will fail\n')
  }
}
