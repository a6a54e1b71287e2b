// `npm run dist`: build, then package with electron-builder (electron-builder.yml).
// Offline: ELECTRON_DIST=/path/to/electron (an unpacked Electron folder, a folder with
// electron-v<version>-<platform>-<arch>.zip, or that zip) skips the download.
// Extra arguments go to electron-builder, e.g. `npm run dist -- --linux --dir`.
// --prebuilt: package the out/ folder as it is (the packaging test builds once, beforehand).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const prebuilt = process.argv.includes('--prebuilt')
const args = process.argv.slice(2).filter((arg) => arg !== '--prebuilt')

const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js')
if (!existsSync(cli)) {
  console.error('kiln dist: electron-builder is not installed (npm ci installs it).')
  process.exit(1)
}
const builderArgs = ['--config', 'electron-builder.yml', ...args]
const electronDist = process.env.ELECTRON_DIST
if (electronDist) {
  if (!existsSync(electronDist)) {
    console.error(`kiln dist: ELECTRON_DIST=${electronDist} does not exist.`)
    process.exit(1)
  }
  builderArgs.push(`-c.electronDist=${path.resolve(electronDist)}`)
} else {
  console.log(
    'kiln dist: no ELECTRON_DIST set, so electron-builder will download Electron. Offline, download ' +
      'electron-v<version>-<platform>-<arch>.zip elsewhere and run ELECTRON_DIST=/path/to/it npm run dist.'
  )
}

if (!prebuilt) {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit'
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const packaging = spawnSync(process.execPath, [cli, ...builderArgs], {
  cwd: root,
  stdio: 'inherit'
})
if (packaging.status !== 0) {
  console.error(
    electronDist
      ? `kiln dist: electron-builder failed (exit ${packaging.status}); see its output above.`
      : 'kiln dist: packaging failed (most likely the Electron download); set ELECTRON_DIST to a local Electron and retry.'
  )
  process.exit(1)
}
