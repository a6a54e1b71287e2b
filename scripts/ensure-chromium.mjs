// The end-to-end tests drive Debian's Chromium (Playwright cannot download a browser
// here). Installs it with apt when it is missing and we may; otherwise says how.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
if (!isRoot || !hasApt) {
  console.error(
    `e2e: Chromium not found at ${path}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`
  )
  process.exit(1)
}
console.error('e2e: installing Chromium from Debian (one time)…')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', 'chromium']
]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
