// `npm start`: the Electron app when an Electron binary is present, else the web host.
// Never require('electron') here: in plain Node it tries to download the binary.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

/** The Electron executable, found the way node_modules/electron/index.js would, without downloading. */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron')
  const pathFile = path.join(pkg, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const candidate = override
    ? path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative
      ? path.join(pkg, 'dist', relative)
      : undefined
  return candidate && existsSync(candidate) ? candidate : undefined
}

function ensureBuilt(files) {
  if (files.every((f) => existsSync(path.join(root, f)))) return
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit'
  })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    })
  }
  child.on('error', (error) => {
    console.error(`kiln start: could not run ${command}: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0)
    process.exit()
  })
}

const electron = electronBinary()
if (electron) {
  ensureBuilt(['out/electron/main.js', 'out/electron/preload.cjs', 'out/renderer/index.html'])
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE
  run(electron, ['.', ...args], env)
} else {
  console.log(
    'Electron is not available on this machine; starting the web host instead (kiln serve).'
  )
  ensureBuilt(['out/cli/kiln.js', 'out/renderer/index.html'])
  run(process.execPath, [path.join(root, 'bin', 'kiln.js'), 'serve', ...args], process.env)
}
