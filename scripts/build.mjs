// Builds every entry point: the CLI and web host (one Node bundle), the Electron
// main process and preload, and the renderer (Vite). Runtime libraries stay
// external (pdfkit and resvg break when bundled; see TOOLCHAIN.md).
import { build } from 'esbuild'
import { existsSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const nodeOnly = process.argv.includes('--node-only')
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning'
}

// The CLI is split into chunks: out/cli/kiln.js registers the commands (commander only) and
// each command's action imports the core (and the libraries it uses) from chunks beside it,
// so `kiln --help` and `kiln status` do not load pdfkit, jsonld or resvg. Chunks stay in
// out/cli itself: code that finds files from its own location (resources/, out/site/,
// out/renderer/) walks up from there. Old chunks are removed first.
rmSync('out/cli', { recursive: true, force: true })
// zod is the one library bundled into the CLI (every command that opens a station builds the
// contract's schemas): as a package it is ~95 ES modules, which Node resolves, reads and links
// one by one (≈ 30 ms of every command); in a chunk it costs a fraction of that. Pure ESM with
// no files of its own to find, so bundling changes nothing else.
const bundleZod = {
  name: 'bundle-zod',
  setup(build) {
    build.onResolve({ filter: /^zod(\/|$)/ }, (args) => ({
      path: fileURLToPath(import.meta.resolve(args.path))
    }))
  }
}
const entries = [
  {
    entryPoints: { kiln: 'main/cli/index.ts' },
    outdir: 'out/cli',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    packages: 'external',
    plugins: [bundleZod]
  }
]
if (existsSync('main/electron/main.ts')) {
  entries.push({
    entryPoints: ['main/electron/main.ts'],
    outfile: 'out/electron/main.js',
    format: 'esm',
    packages: 'external'
  })
}
if (existsSync('main/electron/core-utility.ts')) {
  // The core in Electron's utility process (main/relay over a MessagePort).
  entries.push({
    entryPoints: ['main/electron/core-utility.ts'],
    outfile: 'out/electron/core-utility.js',
    format: 'esm',
    packages: 'external'
  })
}
if (existsSync('main/electron/preload.ts')) {
  entries.push({
    entryPoints: ['main/electron/preload.ts'],
    outfile: 'out/electron/preload.cjs',
    format: 'cjs',
    external: ['electron']
  })
}
// Worker entry points: the `kiln serve` core worker (main/host/core-worker.ts → out/workers/core.js).
const workers = {
  'main/host/core-worker.ts': 'core.js',
  'main/core/credentials/sign-worker.ts': 'sign-worker.js'
}
for (const [worker, name] of Object.entries(workers)) {
  if (existsSync(worker)) {
    entries.push({
      entryPoints: [worker],
      outfile: 'out/workers/' + name,
      format: 'esm',
      packages: 'external'
    })
  }
}
entries.push({
  entryPoints: ['scripts/build-verifier.ts'],
  outfile: 'out/tools/build-verifier.js',
  format: 'esm',
  packages: 'external'
})
await Promise.all(entries.map((e) => build({ ...common, ...e })))

// The browser verifier shipped in every sync bundle (esbuild is a devDependency, so a
// packaged app must find it prebuilt in out/site/).
const verifier = spawnSync(process.execPath, ['out/tools/build-verifier.js'], { stdio: 'inherit' })
if (verifier.status !== 0) process.exit(verifier.status ?? 1)

if (!nodeOnly && existsSync('renderer/index.html')) {
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn'
    ],
    { stdio: 'inherit' }
  )
  if (r.status !== 0) process.exit(r.status ?? 1)
}
